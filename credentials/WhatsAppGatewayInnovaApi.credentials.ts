import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * InnovaAPI: `Authorization: Bearer <API key>` on the customer's own server.
 *
 * The docs describe only the send endpoint, so the credential test posts an EMPTY body to it: nothing
 * can be sent (numero/tipo are missing, the server answers 400), while a bad key is answered with the
 * documented 401 "API Key inválida o no enviada". n8n's declarative test sees only the body, so the
 * rules recognize that documented text (assumption: the server returns it as `message` or `error`).
 */
export class WhatsAppGatewayInnovaApi implements ICredentialType {
	name = 'whatsAppGatewayInnovaApi';

	displayName = 'WhatsApp Gateway: InnovaAPI API';

	documentationUrl = 'https://innovaapi.com/documentacion.html';

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
			baseURL: '={{$credentials.baseUrl.replace(/\\/{1,16}$/, "")}}',
			url: '/api/whatsapp/enviar',
			method: 'POST',
			body: {},
			json: true,
			// A valid key gets 400 (missing fields): judge the body instead of the status.
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'API Key inválida o no enviada',
					message: 'The API key was rejected (HTTP 401)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'API Key inválida o no enviada',
					message: 'The API key was rejected (HTTP 401)',
				},
			},
		],
	};
}
