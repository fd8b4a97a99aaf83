/**
 * Fuzzing through runNode: ≥1,000 generated parameter sets (wrong types, empty, huge, unicode, bad
 * JSON, bad phones, bad URLs), driven by the node's own description so new operations are covered.
 * Every failure must be a NodeOperationError or NodeApiError (never a TypeError leaking out of an
 * operation), there is no unhandled rejection, and no secret appears anywhere in the results.
 * Seeded PRNG: a failure prints the seed and run to replay it.
 */
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: jest.fn(async () => undefined) };
});

const mockUnexpected: Array<{ error: unknown; where: string }> = [];
jest.mock('../../../nodes/WhatsAppGateway/actions/resources', () => {
	const actual = jest.requireActual('../../../nodes/WhatsAppGateway/actions/resources');
	const { NodeApiError, NodeOperationError } = jest.requireActual('n8n-workflow');
	const wrapped = new Map();
	return {
		...actual,
		findOperation: (resource: string, operation: string) => {
			const definition = actual.findOperation(resource, operation);
			if (!definition) return definition;
			if (!wrapped.has(definition)) {
				wrapped.set(definition, {
					...definition,
					async execute(this: unknown, ...args: unknown[]) {
						try {
							return await definition.execute.apply(this, args);
						} catch (error) {
							if (!(error instanceof NodeOperationError || error instanceof NodeApiError)) {
								mockUnexpected.push({ error, where: `${resource}.${operation}` });
							}
							throw error;
						}
					},
				});
			}
			return wrapped.get(definition);
		},
	};
});

import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import nock from 'nock';

import { WhatsAppGateway } from '../../../nodes/WhatsAppGateway/WhatsAppGateway.node';
import { ALL_SECRETS, everyString } from '../../helpers/workflow';
import { FIXTURES, runNode } from './fixtures';

const SEED = 20261125;
const RUNS = 220;
const ITEMS_PER_RUN = 5;

function mulberry32(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const rnd = mulberry32(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
const chance = (p: number) => rnd() < p;

const UNICODE = ['héllo wörld', 'こんにちは', '😀👍🏽‍♂️', 'مرحبا', '\u202Eevil', 'a\u0000b', '\uD800', 'Ω≈ç√∫', '\t\n\r', '‮'];
const BAD_PHONES = ['', '+', '00', '123', 'abc', '+999999999999999999999999', '+57 300', '0000000000', '+1 (555) 0100', '573001234567'.repeat(3), '+57 300 123 4567 ext 9', '٠١٢٣٤٥٦٧٨٩', '+573001234567', '573001234567'];
const BAD_URLS = ['', 'htp://x', 'http://', 'javascript:alert(1)', 'file:///etc/passwd', 'http://localhost/a.jpg', 'https://exa mple.com/a.png', '//no-scheme/x.jpg', 'https://example.com/a.exe', 'https://example.com/image.jpg', 'ftp://x/y.pdf', 'https://example.com/' + 'a'.repeat(3000) + '.png'];
const BAD_JSON = ['{', '{"a":', '[1,2', 'null', '"str"', '{"type":"text"}', '{}', '[]', '{"a":1}}', 'NaN', '{"__proto__":{"x":1}}'];

function randomString(): string {
	switch (Math.floor(rnd() * 8)) {
		case 0:
			return '';
		case 1:
			return 'x'.repeat(pick([4096, 4097, 20_000]));
		case 2:
			return pick(UNICODE);
		case 3:
			return pick(BAD_PHONES);
		case 4:
			return pick(BAD_URLS);
		case 5:
			return pick(BAD_JSON);
		case 6:
			return '   ';
		default:
			return `value-${Math.floor(rnd() * 1000)}`;
	}
}

function randomValue(depth = 0): unknown {
	switch (Math.floor(rnd() * 10)) {
		case 0:
			return null;
		case 1:
			return undefined;
		case 2:
			return pick([0, -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER, -0, 3001234567, 99999]);
		case 3:
			return chance(0.5);
		case 4:
			return depth > 1 ? [] : Array.from({ length: Math.floor(rnd() * 3) }, () => randomValue(depth + 1));
		case 5:
			return depth > 1 ? {} : { a: randomValue(depth + 1), value: randomString() };
		default:
			return randomString();
	}
}

/** A value for one property, shaped by its type: mostly plausible, sometimes wrong. */
function valueFor(property: INodeProperties, depth = 0): unknown {
	if (chance(0.15)) return randomValue(depth);
	switch (property.type) {
		case 'options': {
			const values = ((property.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
			return chance(0.85) && values.length ? pick(values) : randomString();
		}
		case 'multiOptions': {
			const values = ((property.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
			return values.filter(() => chance(0.5));
		}
		case 'number':
			return pick([0, -5, 1, 2.5, 1e9, Number.NaN, 45.5, -200, 4]);
		case 'boolean':
			return chance(0.5);
		case 'json':
			return pick(BAD_JSON);
		case 'collection': {
			const out: IDataObject = {};
			for (const option of (property.options ?? []) as INodeProperties[]) {
				if (!chance(0.4)) continue;
				// Keep runs fast: the timeout is fuzzed in type, not in length (an invalid one means 60 s).
				out[option.name] = (option.name === 'timeout' ? pick([1, '1', 0.5, -1]) : valueFor(option, depth + 1)) as IDataObject[string];
			}
			return out;
		}
		case 'fixedCollection': {
			const out: IDataObject = {};
			for (const group of (property.options ?? []) as Array<{ name: string; values: INodeProperties[] }>) {
				if (!chance(0.7)) continue;
				const entry = () => Object.fromEntries((group.values ?? []).map((v) => [v.name, valueFor(v, depth + 1)]));
				out[group.name] = property.typeOptions?.multipleValues ? Array.from({ length: Math.floor(rnd() * 4) }, entry) : entry();
			}
			return out;
		}
		default:
			return randomString();
	}
}

const description = new WhatsAppGateway().description;

function optionValues(name: string, show: IDataObject): string[] {
	const property = description.properties.find(
		(p) => p.name === name && Object.entries(show).every(([k, v]) => (p.displayOptions?.show?.[k] as unknown[] | undefined)?.includes(v)),
	);
	return ((property?.options ?? []) as INodePropertyOptions[]).map((o) => String(o.value));
}

/** Properties shown for this provider/resource/operation (other display conditions are ignored on purpose). */
function fieldsFor(provider: string, resource: string, operation: string): INodeProperties[] {
	const selected: IDataObject = { provider, resource, operation };
	const seen = new Set<string>();
	return description.properties.filter((p) => {
		if (['provider', 'resource', 'operation'].includes(p.name)) return false;
		const show = p.displayOptions?.show ?? {};
		const ok = ['provider', 'resource', 'operation'].every((k) => !show[k] || (show[k] as unknown[]).includes(selected[k]));
		if (!ok || seen.has(p.name) && !['options', 'multiOptions'].includes(p.type)) return false;
		seen.add(p.name);
		return true;
	});
}

const PROVIDERS = Object.keys(FIXTURES);
const ANSWERS: Array<(provider: string) => [number, unknown, Record<string, string>?]> = [
	(provider) => [200, FIXTURES[provider].ok],
	(provider) => [200, FIXTURES[provider].ok],
	() => [200, { success: true, data: {} }],
	() => [500, { message: 'Internal Server Error' }],
	() => [429, { error: 'rate' }, { 'Retry-After': '1' }],
	() => [200, '<html><title>oops</title></html>'],
	() => [401, { message: 'bad key' }],
	() => [200, []],
];

function isRuntimeError(value: unknown): boolean {
	const name = (value as Error | undefined)?.name;
	return typeof name === 'string' && ['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError'].includes(name);
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(() => {
	process.on('unhandledRejection', onUnhandled);
	for (const provider of PROVIDERS) {
		const { host } = FIXTURES[provider];
		for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
			nock(host)
				.persist()
				[method](/.*/)
				.reply(() => {
					const [status, body, headers] = pick(ANSWERS)(provider);
					return [status, typeof body === 'string' ? body : JSON.stringify(body), { 'Content-Type': 'application/json', ...(headers ?? {}) }];
				});
		}
	}
});

afterAll(() => {
	process.off('unhandledRejection', onUnhandled);
	nock.cleanAll();
});

test(`fuzz: ${RUNS} runs × ${ITEMS_PER_RUN} items of generated parameters → only NodeOperationError / NodeApiError, no leak`, async () => {
	let parameterSets = 0;
	let slowest = 0;
	const failures: string[] = [];
	const outcomes = { ok: 0, operationError: 0, apiError: 0, rejectedByN8n: 0 };
	for (let run = 0; run < RUNS; run++) {
		const provider = pick(PROVIDERS);
		const resource = pick(optionValues('resource', { provider }));
		const operation = pick(optionValues('operation', { provider, resource }));
		const parameters: IDataObject = { provider, resource, operation };
		const perItem: string[] = [];
		for (const property of fieldsFor(provider, resource, operation)) {
			// Options drive which fields matter: fix them per run; everything else varies per item
			// through an expression (which is how wrong types reach a node in real workflows).
			if (['options', 'multiOptions', 'collection', 'fixedCollection'].includes(property.type) || chance(0.2)) {
				parameters[property.name] = valueFor(property) as never;
			} else {
				parameters[property.name] = `={{ $json.f[${JSON.stringify(property.name)}] }}`;
				perItem.push(property.name);
			}
		}
		// Every run gets a short timeout, so a request nock never answers costs ≤ 2 × 1 s.
		if (parameters.options && typeof parameters.options === 'object' && !Array.isArray(parameters.options)) {
			(parameters.options as IDataObject).timeout = pick([1, '1', 0.5, -1]);
		} else if (fieldsFor(provider, resource, operation).some((p) => p.name === 'options')) {
			parameters.options = { timeout: 1 };
		}
		const fieldsByName = new Map(description.properties.map((p) => [p.name, p]));
		const items = Array.from({ length: ITEMS_PER_RUN }, () => ({
			f: Object.fromEntries(perItem.map((name) => [name, valueFor(fieldsByName.get(name)!)])),
		}));
		parameterSets += items.length;
		const continueOnFail = chance(0.5);
		const label = `seed ${SEED} run ${run} (${provider} ${resource}.${operation})`;
		let result: Awaited<ReturnType<typeof runNode>>;
		try {
			const started = Date.now();
			result = await runNode({ parameters, items: items as IDataObject[], continueOnFail });
			slowest = Math.max(slowest, Date.now() - started);
		} catch (error) {
			// n8n itself refuses to start a workflow whose literal parameters have issues (a required
			// field empty, an option that does not exist): the node never runs, as in the editor.
			// Likewise n8n's parameter resolution rejects collection keys the description lacks, and
			// (a TypeError inside n8n-workflow's getNodeParameters, while the Workflow is built) a
			// literal fixed collection shaped like no group, e.g. {"value": "x"}: the editor cannot
			// produce either, and our node never runs.
			const n8nRefused =
				(error as Error).name === 'TypeError' && /at (Object\.)?getNodeParameters/.test((error as Error).stack ?? '');
			if ((error as Error).name === 'WorkflowHasIssuesError' || (error as Error).message === 'Could not find property option' || n8nRefused) {
				outcomes.rejectedByN8n++;
				continue;
			}
			throw error;
		}
		if (result.error) {
			const error = result.error as Error & { cause?: unknown };

			// WorkflowExecute keeps a plain copy of the error the node threw (own properties + name).
			if (error.name === 'NodeApiError') outcomes.apiError++;
			else if (error.name === 'NodeOperationError') outcomes.operationError++;
			else failures.push(`${label}: ${error.name}: ${error.message}`);
			if (isRuntimeError(error.cause)) failures.push(`${label}: caused by ${(error.cause as Error).name}: ${(error.cause as Error).message}`);
		} else {
			outcomes.ok++;
			const paired = (result.output ?? []).map((o) => (Array.isArray(o.pairedItem) ? o.pairedItem[0] : o.pairedItem));
			const indexes = paired.map((p) => (typeof p === 'number' ? p : p?.item));
			// Outputs follow input order and point at real input items.
			if (indexes.some((i, k) => typeof i !== 'number' || i < 0 || i >= items.length || (k > 0 && i < (indexes[k - 1] as number)))) {
				failures.push(`${label}: pairedItem out of order or out of range: ${JSON.stringify(indexes)}`);
			}
			// A send gives exactly one output per input item (a result or, under Continue On Fail, an error).
			if (resource === 'message' && operation === 'send' && JSON.stringify(indexes) !== JSON.stringify(items.map((_, i) => i))) {
				failures.push(`${label}: expected one output per item, got ${JSON.stringify(indexes)}`);
			}
			for (const o of result.output ?? []) {
				if (o.json.error !== undefined && o.json.kind === 'input' && /Cannot read prop|is not a function|is not iterable|Cannot convert|Maximum call stack|Invalid array length/.test(String(o.json.error))) {
					failures.push(`${label}: runtime error as item error: ${String(o.json.error)}`);
				}
			}
		}
		for (const { error, where } of mockUnexpected.splice(0)) {
			failures.push(`${label}: ${where} threw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
		}
		const strings = everyString({ output: result.output, error: result.error, description: result.error?.description });
		for (const secret of ALL_SECRETS) {
			if (strings.some((s) => s.includes(secret))) failures.push(`${label}: secret leaked`);
		}
	}
	expect(failures).toEqual([]);
	expect(unhandled).toEqual([]);
	expect(parameterSets).toBeGreaterThanOrEqual(1000);
	// The generator must reach both outcomes, or it tests nothing.
	expect(outcomes.ok).toBeGreaterThan(5);
	expect(outcomes.operationError).toBeGreaterThan(5);
	expect(outcomes.apiError).toBeGreaterThan(3);
	expect(outcomes.rejectedByN8n).toBeLessThan(RUNS / 3);
	// No wall-clock assert here (a slow machine would fail it); the slowest run is printed for the
	// record, and the retry policy's bound (a hung request costs at most two timeouts) is tested in
	// retry.test.ts.
	if (process.env.FUZZ_TIMING) console.log(`fuzz: slowest run ${slowest} ms`);
}, 120_000);
