import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** WhatsApp API Engine (self-hosted): `X-API-Key` header on your own server. */
export class WhatsAppGatewayEngineApi implements ICredentialType {
	name = 'whatsAppGatewayEngineApi';

	displayName = 'WhatsApp Gateway: WhatsApp API Engine API';

	documentationUrl = 'https://github.com/GAMEZ1125/whatsapp-api';

	icon = {
		light: 'file:../nodes/WhatsAppGateway/whatsAppGateway.svg',
		dark: 'file:../nodes/WhatsAppGateway/whatsAppGateway.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://localhost:3000',
			description: 'Address of your Engine server, without /api',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API_KEY configured on your Engine server',
		},
	];

	/**
	 * The key as the X-API-Key header, set by a function rather than the declarative
	 * `{{$credentials.apiKey}}`: n8n evaluates declarative credential expressions in its expression
	 * engine on every request (about 0.4 ms each in `npm run bench`, as much as the rest of a send).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), 'X-API-Key': String(credentials.apiKey ?? '') },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/{1,16}$/, "")}}',
			url: '/api/session/status',
			method: 'GET',
		},
	};
}
