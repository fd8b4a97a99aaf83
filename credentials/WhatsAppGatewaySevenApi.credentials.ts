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

	/**
	 * `GET /api/hooks`: reads the webhook list, changes nothing. Judged by the body
	 * (ignoreHttpStatusErrors): seven answers `{success: true, hooks: [...]}`; a bad key gets HTTP 200
	 * with the bare code 900 (no `success`), as does any page that is not seven's (404, HTML, another
	 * API): the message names both causes.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/{1,16}$/, "") : "https://gateway.seven.io"}}',
			url: '/api/hooks',
			method: 'GET',
			// Judged by the body, so each refusal names its reason (see above).
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				// Absent (an HTML page, another API) = not this provider.
				properties: {
					key: 'success',
					value: undefined,
					message:
						'No seven.io answer: the API key was rejected (seven code 900) or lacks the waba scope (902), or the Base URL does not point at the seven.io gateway (https://gateway.seven.io)',
				},
			},
			{
				type: 'responseSuccessBody',
				// Absent (an HTML page, another API) = not this provider.
				properties: {
					key: 'hooks',
					value: undefined,
					message:
						'The server answered, but not as the seven.io gateway does (no webhook list): check the Base URL (https://gateway.seven.io)',
				},
			},
		],
	};
}
