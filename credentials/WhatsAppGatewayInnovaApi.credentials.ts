import type { IAuthenticateGeneric, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * InnovaAPI: `Authorization: Bearer <API key>` on the customer's own server. The docs describe no
 * endpoint that reads without sending, so the WhatsApp Gateway node tests this credential
 * (`testedBy`, see nodes/WhatsAppGateway/providers/innova/credentialCheck.ts) without sending.
 */
export class WhatsAppGatewayInnovaApi implements ICredentialType {
	name = 'whatsAppGatewayInnovaApi';

	displayName = 'WhatsApp Gateway: InnovaAPI API';

	documentationUrl = 'https://innovaapi.com/documentacion.html';

	icon = { light: 'file:../nodes/WhatsAppGateway/whatsAppGateway.svg', dark: 'file:../nodes/WhatsAppGateway/whatsAppGateway.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://your-server.example.com',
			description: 'Address of your InnovaAPI server (each customer has its own), without /api',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};
}
