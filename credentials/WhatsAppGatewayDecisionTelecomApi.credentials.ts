import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { decisionAuthorization } from '../nodes/WhatsAppGateway/providers/decisionTelecom/auth';

/**
 * DecisionTelecom: HTTP Basic with the "User Hash Key" from the account manager, sent as
 * `Basic base64(key)` like the official SDKs. The docs describe no read-only endpoint besides the
 * status lookup, so the test asks for the status of message 0: it needs a valid key and sends nothing.
 * DecisionTelecom answers errors as `{name, message, code, status}`, so a rejected key is recognized by
 * `status: 401` in the body (assumption: the usual Yii "Unauthorized" answer, code 0).
 */
export class WhatsAppGatewayDecisionTelecomApi implements ICredentialType {
	name = 'whatsAppGatewayDecisionTelecomApi';

	displayName = 'WhatsApp Gateway: DecisionTelecom API';

	documentationUrl = 'https://en-api.decisiontele.com/whatsapp-business-api';

	icon = {
		light: 'file:../nodes/WhatsAppGateway/whatsAppGateway.svg',
		dark: 'file:../nodes/WhatsAppGateway/whatsAppGateway.dark.svg',
	} as const;

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
			headers: {
				...(requestOptions.headers ?? {}),
				Authorization: decisionAuthorization(credentials),
			},
		};
	}

	/**
	 * The docs describe no read-only endpoint besides the status lookup, so the test asks for the
	 * status of message 0: it needs a valid key and sends nothing. DecisionTelecom answers
	 * `{message_id, status}` or an error object `{name, message, code, status}`, with HTTP 200 or an
	 * error status (docs/providers/decisionTelecom.md); n8n's declarative test sees the body only, so
	 * the rules read it: `status` 401/403/404 name their reason. Message 0 never exists (IDs are
	 * positive), so a valid key gets the error object, and a page without its `code` (an HTML page,
	 * another API) fails. Assumption: a rejected key gets the usual Yii "Unauthorized" object.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/{1,16}$/, "") : "https://web.it-decision.com"}}',
			url: '/v1/api/receive-whatsapp',
			method: 'POST',
			body: { message_id: 0 },
			json: true,
			// "Message not found" for id 0 still proves the key: judge the body instead of the status.
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 401,
					message: 'DecisionTelecom rejected the access key (HTTP 401 Unauthorized)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'name',
					value: 'Unauthorized',
					message: 'DecisionTelecom rejected the access key (HTTP 401 Unauthorized)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 403,
					message: 'The access key may not use the WhatsApp API (HTTP 403)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 404,
					message:
						'Nothing at <Base URL>/v1/api/receive-whatsapp (HTTP 404): check the Base URL (https://web.it-decision.com)',
				},
			},
			{
				type: 'responseSuccessBody',
				// Absent (an HTML page, another API) = not this provider.
				properties: {
					key: 'code',
					value: undefined,
					message:
						'The server answered, but not as DecisionTelecom does (no error object for message 0): check the Base URL (https://web.it-decision.com)',
				},
			},
		],
	};
}
