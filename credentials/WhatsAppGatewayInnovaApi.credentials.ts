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

	/**
	 * The docs describe only the send endpoint, so the test posts an EMPTY body to it: nothing can be
	 * sent (numero/tipo are missing: a valid key gets 400), and a bad key gets the documented 401
	 * "API Key inválida o no enviada". n8n's declarative test sees the body only (not the status), so
	 * it passes only for InnovaAPI's answer shape `{success, message}` (docs/providers/innova.md):
	 * an HTML page or another API (no `success`) fails, and so does a route-not-found answer.
	 * Assumption: InnovaAPI answers every error with that shape, as its success answer has it.
	 */
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
					message: 'InnovaAPI rejected the API key (HTTP 401 "API Key inválida o no enviada")',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'API Key inválida o no enviada',
					message: 'InnovaAPI rejected the API key (HTTP 401 "API Key inválida o no enviada")',
				},
			},
			{
				type: 'responseSuccessBody',
				// Absent (an HTML page, another API) = not this provider.
				properties: {
					key: 'success',
					value: undefined,
					message:
						'The server answered, but not as InnovaAPI does (no "success" field): check the Base URL (your InnovaAPI server, without /api)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'Ruta no encontrada',
					message:
						'Nothing at <Base URL>/api/whatsapp/enviar (route not found): check the Base URL (without /api)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'Not Found',
					message:
						'Nothing at <Base URL>/api/whatsapp/enviar (Not Found): check the Base URL (without /api)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: true,
					message:
						'The server accepted an empty message, which InnovaAPI refuses: the Base URL does not point at InnovaAPI',
				},
			},
		],
	};
}
