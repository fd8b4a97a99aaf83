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

	/**
	 * `GET /api/session/status`: needs the key, changes nothing. Judged by the body
	 * (ignoreHttpStatusErrors), so each refusal names its reason: the Engine's 401/403 carry
	 * `code: MISSING_API_KEY / INVALID_API_KEY`, and only its answer `{success, data: {status,
	 * isReady, hasQR}}` (docs/providers/engine.md) passes: a 404, an HTML page or another API fails.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/{1,16}$/, "")}}',
			url: '/api/session/status',
			method: 'GET',
			// Judged by the body, so each refusal names its reason (see above).
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 'MISSING_API_KEY',
					message: 'The Engine got no API key (HTTP 401 MISSING_API_KEY)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 'INVALID_API_KEY',
					message:
						'The Engine rejected the API key (HTTP 403 INVALID_API_KEY): use the API_KEY of your server',
				},
			},
			{
				type: 'responseSuccessBody',
				// Absent (an HTML page, another API) = not this provider.
				properties: {
					key: 'data.status',
					value: undefined,
					message:
						'The server answered, but not as the WhatsApp API Engine does (no session status): check the Base URL (your Engine server, without /api)',
				},
			},
		],
	};
}
