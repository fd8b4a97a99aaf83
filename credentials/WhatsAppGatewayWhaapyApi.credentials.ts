import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** Whaapy: `Authorization: Bearer wha_...`. */
export class WhatsAppGatewayWhaapyApi implements ICredentialType {
	name = 'whatsAppGatewayWhaapyApi';

	displayName = 'WhatsApp Gateway: Whaapy API';

	documentationUrl = 'https://docs.whaapy.com';

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
			placeholder: 'wha_...',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.whaapy.com',
		},
	];

	/**
	 * The key as the Authorization header, set by a function rather than the declarative
	 * `Bearer {{$credentials.apiKey}}`: n8n evaluates declarative credential expressions in its expression
	 * engine on every request (about 0.4 ms each in `npm run bench`, as much as the rest of a send).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...(requestOptions.headers ?? {}),
				Authorization: `Bearer ${String(credentials.apiKey ?? '')}`,
			},
		};
	}

	/**
	 * `GET /templates/v1` (what Whaapy's own n8n node tests with): needs the key, changes nothing.
	 * n8n's declarative test shows a rule's message, so every status is judged by the body
	 * (ignoreHttpStatusErrors): only Whaapy's template list `{data: [...]}` passes
	 * (docs/providers/whaapy.md); a 404 or HTML page or another API fails, naming the reason.
	 * Assumption: a rejected key is answered `{error: "unauthorized"}` (as Whaapy's errors carry
	 * `error` and `message`).
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/{1,16}$/, "") : "https://api.whaapy.com"}}',
			url: '/templates/v1',
			method: 'GET',
			// Judged by the body, so each refusal names its reason (see above).
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'unauthorized',
					message: 'Whaapy rejected the API key (HTTP 401 unauthorized)',
				},
			},
			{
				type: 'responseSuccessBody',
				// Absent (an HTML page, another API) = not this provider.
				properties: {
					key: 'data',
					value: undefined,
					message:
						'No Whaapy template list came back: the API key was refused (401) or lacks a scope (403), or the Base URL does not point at the Whaapy API (https://api.whaapy.com)',
				},
			},
		],
	};
}
