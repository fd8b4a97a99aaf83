import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { PROVIDERS } from '../providers';
import type { CredentialCheck, ProviderAdapter } from '../providers/types';
import { redact } from './redact';

/**
 * Credential tests for providers whose APIs have no harmless endpoint that a declarative credential
 * `test` could judge (n8n calls these through the credential's `testedBy`). They never send a
 * message: they call the send or status endpoint with an empty request, which the provider rejects
 * after checking the key.
 */
export const credentialTests: Record<
	string,
	(this: ICredentialTestFunctions, credential: ICredentialsDecrypted) => Promise<INodeCredentialTestResult>
> = Object.fromEntries(
	PROVIDERS.filter((p) => p.credentialCheck).map((adapter) => [
		adapter.credentialCheck!.testedBy,
		async function (this: ICredentialTestFunctions, credential: ICredentialsDecrypted) {
			return await runCheck.call(this, adapter, adapter.credentialCheck!, (credential.data ?? {}) as IDataObject);
		},
	]),
);

async function runCheck(
	this: ICredentialTestFunctions,
	adapter: ProviderAdapter,
	check: CredentialCheck,
	credentials: IDataObject,
): Promise<INodeCredentialTestResult> {
	const secrets = adapter.secrets(credentials);
	const request = check.request(credentials);
	try {
		const response = (await this.helpers.request({
			method: request.method,
			uri: `${adapter.baseUrl(credentials)}${request.path}`,
			headers: { Accept: 'application/json', ...request.headers },
			body: request.body ?? {},
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			timeout: 20_000,
		})) as { statusCode: number; body: unknown };
		const verdict = check.judge(response.statusCode, response.body);
		return { status: verdict.ok ? 'OK' : 'Error', message: redact(verdict.message, secrets) };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return { status: 'Error', message: redact(`Could not reach ${adapter.name}: ${message}`, secrets) };
	}
}
