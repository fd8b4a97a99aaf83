import type { IDataObject } from 'n8n-workflow';

/**
 * `Authorization: Basic base64(<user hash key>)`, as DecisionTelecom's SDKs send it; keys that are
 * already base64 (the credential's "Key Is Already Base64" switch) are sent as they are.
 * Shared by the credential's `authenticate` and the credential test.
 */
export function decisionAuthorization(credentials: IDataObject): string {
	const key = String(credentials.accessKey ?? '').trim();
	const encoded =
		credentials.keyIsBase64 === true ? key : Buffer.from(key, 'utf8').toString('base64');
	return `Basic ${encoded}`;
}
