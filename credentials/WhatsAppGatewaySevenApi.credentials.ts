import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** seven.io: `X-Api-Key` header; the key needs the "waba" scope for WhatsApp. */
export class WhatsAppGatewaySevenApi implements ICredentialType {
	name = 'whatsAppGatewaySevenApi';

	displayName = 'WhatsApp Gateway: seven.io API';

	documentationUrl = 'https://docs.seven.io/en/rest-api/endpoints/whatsapp';

	icon = {
		light: 'file:../nodes/WhatsAppGateway/whatsAppGateway.svg',
		dark: 'file:../nodes/WhatsAppGateway/whatsAppGateway.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'API key from seven (Developer → API keys), with the "waba" scope enabled',
		},
		{
			displayName: 'Webhook Signing Key',
			name: 'signingKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Signing key from seven (Developer → API settings). When set, the WhatsApp Gateway Trigger rejects webhooks whose X-Signature does not match.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://gateway.seven.io',
			description: 'Change only to go through a proxy or a test server',
		},
	];

	/**
	 * The key as the X-Api-Key header, set by a function rather than the declarative
	 * `{{$credentials.apiKey}}`: n8n evaluates declarative credential expressions in its expression
	 * engine on every request (about 0.4 ms each in `npm run bench`, as much as the rest of a send).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), 'X-Api-Key': String(credentials.apiKey ?? '') },
		};
	}

	// seven answers a bad key with HTTP 200 and the bare code 900, which has no `success` field.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/{1,16}$/, "") : "https://gateway.seven.io"}}',
			url: '/api/hooks',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: undefined,
					message: 'The API key was rejected (seven code 900)',
				},
			},
		],
	};
}
