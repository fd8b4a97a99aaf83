import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { getProvider } from '../../../nodes/WhatsAppGateway/providers';
import { runNode, TEST_CREDENTIALS } from '../../helpers/workflow';

/**
 * The exact auth header each provider's credential must send (written out: a wrong `authenticate`
 * must fail these tests, so they are not computed from the code under test).
 */
export const AUTH = {
	innova: { authorization: 'Bearer innova-secret-key-123' },
	seven: { 'x-api-key': 'seven-secret-key-456' },
	whaapy: { authorization: 'Bearer wha_testsecretkey0001' },
	engine: { 'x-api-key': 'engine-secret-key-000' },
	decisionTelecom: { authorization: `Basic ${Buffer.from('decision-hash-key-abc').toString('base64')}` },
};

export type ProviderId = keyof typeof AUTH;

/** Each provider's API base URL with the test credentials, from its adapter. */
export const HOSTS = Object.fromEntries(
	(Object.keys(AUTH) as ProviderId[]).map((id) => {
		const adapter = getProvider(id);
		return [id, adapter.baseUrl(TEST_CREDENTIALS[adapter.credentialType])];
	}),
) as Record<ProviderId, string>;

/** A nock scope for a provider that also checks the credential's auth header. */
export const provider = (id: ProviderId) => nock(HOSTS[id], { reqheaders: AUTH[id] });

/**
 * Records every request that reached nock without an interceptor (with net connect disabled, such a
 * request would fail anyway, but here the test can say "no request was sent").
 */
export function watchUnmatched(): { requests: string[]; stop: () => void } {
	const requests: string[] = [];
	const listener = (req: { method?: string; path?: string; host?: string; hostname?: string }) =>
		requests.push(`${req.method ?? '?'} ${req.hostname ?? req.host ?? ''}${req.path ?? ''}`);
	nock.emitter.on('no match', listener);
	return { requests, stop: () => nock.emitter.removeListener('no match', listener) };
}

/** Runs the node and asserts that it failed with `message` and sent no request at all. */
export async function expectInputError(parameters: IDataObject, message: string | RegExp, items?: Array<IDataObject | INodeExecutionData>) {
	const watch = watchUnmatched();
	try {
		const { output, error } = await runNode({ parameters, items });
		expect(output).toBeUndefined();
		if (typeof message === 'string') expect(error?.message).toBe(message);
		else expect(error?.message).toMatch(message);
		expect(error?.name).toBe('NodeOperationError');
		expect(watch.requests).toEqual([]);
		expect(nock.pendingMocks()).toEqual([]);
		return error;
	} finally {
		watch.stop();
	}
}

/** A binary input item as a previous node would produce it. */
export function binaryItem(data: Buffer, mimeType: string, fileName: string, json: IDataObject = {}): INodeExecutionData {
	return { json, binary: { data: { data: data.toString('base64'), mimeType, fileName } } };
}

/** Sends through runNode and returns the single output json (fails the test on error). */
export async function sendOk(parameters: IDataObject, items?: Array<IDataObject | INodeExecutionData>): Promise<IDataObject> {
	const { output, error } = await runNode({ parameters, items });
	if (error) throw error;
	expect(output).toHaveLength(1);
	expect(output?.[0].pairedItem).toEqual({ item: 0 });
	return output?.[0].json as IDataObject;
}
