import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { decisionAuthorization } from '../nodes/WhatsAppGateway/providers/decisionTelecom/auth';

/**
 * DecisionTelecom: HTTP Basic with the "User Hash Key" from the account manager, sent as
 * `Basic base64(key)` like the official SDKs. The docs describe no read-only endpoint besides the
 * status lookup, so the WhatsApp Gateway node tests this credential (`testedBy`).
 */
export class WhatsAppGatewayDecisionTelecomApi implements ICredentialType {
	name = 'whatsAppGatewayDecisionTelecomApi';

	displayName = 'WhatsApp Gateway: DecisionTelecom API';

	documentationUrl = 'https://en-api.decisiontele.com/whatsapp-business-api';

	icon = { light: 'file:../nodes/WhatsAppGateway/whatsAppGateway.svg', dark: 'file:../nodes/WhatsAppGateway/whatsAppGateway.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'User Hash Key',
			name: 'accessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The access key your DecisionTelecom account manager gave you',
		},
		{
			displayName: 'Key Is Already Base64',
			name: 'keyIsBase64',
			type: 'boolean',
			default: false,
			description: 'Whether the key above is already base64-encoded and must be sent as it is',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://web.it-decision.com',
			description: 'Change only to go through a proxy or a test server',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), Authorization: decisionAuthorization(credentials) },
		};
	}
}
