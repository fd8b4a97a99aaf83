import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { getProvider } from '../providers';
import { isObject } from '../providers/shared';
import type { IncomingWebhook, NormalizedEvent, ProviderAdapter } from '../providers/types';
import { downloadMedia, MediaDownloadError } from '../transport/download';
import { DEFAULT_MAX_MEDIA_MB, DEFAULT_SIGNATURE_MAX_AGE } from './description';
import { DeliveryMemory, deliveryScope, eventIdentity, filterEvents } from './events';
import { acceptsUnverified, registrationsOf } from './lifecycle';

interface RequestLike {
	method?: string;
	headers?: Record<string, string | string[] | undefined>;
	rawBody?: Buffer | string;
	body?: unknown;
	query?: IDataObject;
	originalUrl?: string;
	url?: string;
	protocol?: string;
}

function header(headers: RequestLike['headers'], name: string): string | undefined {
	const value = headers?.[name];
	return Array.isArray(value) ? value[0] : value;
}

function lowerHeaders(headers: RequestLike['headers']): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

/** The raw body as it arrived; rebuilt from the parsed JSON only when n8n did not keep it. */
function rawBodyOf(req: RequestLike): Buffer {
	if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
	if (typeof req.rawBody === 'string') return Buffer.from(req.rawBody, 'utf8');
	if (isObject(req.body) && Object.keys(req.body).length > 0)
		return Buffer.from(JSON.stringify(req.body), 'utf8');
	return Buffer.alloc(0);
}

/** Full URLs this request may have been signed for (seven signs the complete target URL). */
export function candidateUrls(req: RequestLike, known: string[]): string[] {
	const target = req.originalUrl ?? req.url ?? '';
	const queryIndex = target.indexOf('?');
	const query = queryIndex >= 0 ? target.slice(queryIndex) : '';
	const urls: string[] = [];
	for (const url of known) if (url) urls.push(`${url}${query}`);
	const host = header(req.headers, 'x-forwarded-host') ?? header(req.headers, 'host');
	if (host && target) {
		const proto = (header(req.headers, 'x-forwarded-proto') ?? req.protocol ?? 'http')
			.split(',')[0]
			.trim();
		urls.push(`${proto}://${host.split(',')[0].trim()}${target}`);
	}
	if (target) urls.push(target);
	return [...new Set(urls)];
}

/** Delivery keys seen by this process, per trigger node: catches duplicates arriving at the same time. */
const recentKeys = new Map<string, IDataObject>();

function memoryStore(scope: string): IDataObject {
	let store = recentKeys.get(scope);
	if (!store) {
		store = {};
		recentKeys.set(scope, store);
		if (recentKeys.size > 500) recentKeys.delete(recentKeys.keys().next().value as string);
	}
	return store;
}

const REJECTIONS = new Map<string, string>([
	['missing', 'Missing signature'],
	['invalid', 'Invalid signature'],
	['expired', 'Signature timestamp outside the allowed window'],
	[
		'unverifiable',
		'This trigger cannot verify deliveries (no signing secret or key) and does not accept unverified ones',
	],
]);

function reject(fn: IWebhookFunctions, reason: string): IWebhookResponseData {
	const res = fn.getResponseObject();
	res.status(401).json({ error: REJECTIONS.get(reason) ?? 'Unauthorized' });
	return { noWebhookResponse: true };
}

async function credentialsOf(
	fn: IWebhookFunctions,
	adapter: ProviderAdapter,
): Promise<IDataObject> {
	try {
		return ((await fn.getCredentials(adapter.credentialType)) as IDataObject) ?? {};
	} catch {
		// DecisionTelecom needs no credential in the trigger.
		return {};
	}
}

/** The trigger's webhook(): verify, drop duplicates, normalize, filter, optionally download media. */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const adapter = getProvider(this.getNodeParameter('provider') as string);
	const webhooks = adapter.webhooks;
	if (!webhooks) return { webhookResponse: { received: true } };
	if (this.getWebhookName() === 'setup' && !webhooks.acceptsGet) {
		// A GET to a provider that only POSTs (someone opening the URL in a browser): nothing to do.
		return { webhookResponse: { received: true } };
	}

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const req = this.getRequestObject() as unknown as RequestLike;
	const staticData = this.getWorkflowStaticData('node');
	const registrations = Object.values(registrationsOf(staticData));
	const known = [...registrations.map((r) => r.url), this.getNodeWebhookUrl('default') ?? ''];

	const incoming: IncomingWebhook = {
		method: (req.method ?? 'POST').toUpperCase(),
		headers: lowerHeaders(req.headers),
		rawBody: rawBodyOf(req),
		body: req.body ?? {},
		query: isObject(req.query) ? req.query : {},
		urls: candidateUrls(req, known),
	};

	const credentials = await credentialsOf(this, adapter);
	const secrets = new Set<string>();
	for (const registration of registrations) {
		if (typeof registration.secret === 'string' && registration.secret !== '')
			secrets.add(registration.secret);
		const derived = webhooks.deriveSecret?.(credentials, registration.url);
		if (derived && registration.secretId) secrets.add(derived);
	}
	const verdict = webhooks.verify(incoming, {
		secrets: [...secrets],
		credentials,
		now: Math.floor(Date.now() / 1000),
		maxAgeSeconds:
			Number(options.signatureMaxAge ?? DEFAULT_SIGNATURE_MAX_AGE) || DEFAULT_SIGNATURE_MAX_AGE,
		acceptUnverified: acceptsUnverified(options),
	});
	if (!verdict.ok) return reject(this, verdict.reason);

	// Replays: what the signature covers (body, nonce) and each event's own identity. Remembered in
	// this process (duplicates arriving at once) and in static data (across restarts, queue mode).
	const node = this.getNode();
	const memory = new DeliveryMemory(
		memoryStore(`${this.getWorkflow().id ?? ''}:${node.id}:${this.getMode?.() ?? ''}`),
		staticData,
		deliveryScope(this.getWorkflow().id, node.name),
	);
	const deliveryKeys = webhooks.deliveryKeys?.(incoming) ?? [];
	// Answer 200 so the provider does not deliver it again, but start nothing.
	if (memory.seenAny(deliveryKeys)) return { webhookResponse: { received: true, duplicate: true } };

	const parsed = webhooks.parse(incoming, new Date());
	const fresh = parsed.filter((event) => {
		const identity = eventIdentity(event);
		return identity === undefined || !memory.seenAny([identity]);
	});
	memory.remember([
		...deliveryKeys,
		...parsed.map(eventIdentity).filter((k): k is string => k !== undefined),
	]);
	if (parsed.length > 0 && fresh.length === 0)
		return { webhookResponse: { received: true, duplicate: true } };

	const events = filterEvents(fresh, {
		eventTypes: (options.eventTypes as string[] | undefined) ?? [],
		ignoreStatusUpdates: options.ignoreStatusUpdates === true,
		statuses: (options.statuses as string[] | undefined) ?? [],
	});
	if (events.length === 0) return { webhookResponse: { received: true, events: 0 } };

	const limits = downloadLimits(adapter, options);
	const items: INodeExecutionData[] = [];
	for (const event of events) {
		event.verified = verdict.verified;
		items.push(await toItem(this, adapter, event, options, limits));
	}
	return { workflowData: [items] };
}

/** Time kept back from the provider's delivery timeout for n8n to answer after the downloads. */
const ANSWER_MARGIN_MS = 1500;

/** One deadline for all downloads of a delivery, and the size cap (Options → Max Media Size). */
export function downloadLimits(
	adapter: ProviderAdapter,
	options: IDataObject,
	now = Date.now(),
): { maxBytes: number; deadline: number } {
	const mb = Number(options.maxMediaSizeMb ?? DEFAULT_MAX_MEDIA_MB);
	const maxBytes = Math.floor(
		(Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_MEDIA_MB) * 1024 * 1024,
	);
	const timeout = adapter.webhooks?.deliveryTimeoutMs ?? 5000;
	return { maxBytes, deadline: now + Math.max(timeout - ANSWER_MARGIN_MS, 500) };
}

async function toItem(
	fn: IWebhookFunctions,
	adapter: ProviderAdapter,
	event: NormalizedEvent,
	options: IDataObject,
	limits: { maxBytes: number; deadline: number },
): Promise<INodeExecutionData> {
	const url = event.media?.url;
	if (options.downloadMedia !== true || !event.media || !url) return { json: event };
	const property = String(options.binaryPropertyName ?? 'data') || 'data';
	try {
		const file = await downloadMedia.call(fn, adapter, url, limits);
		const fileName = event.media.fileName ?? file.fileName ?? undefined;
		const mimeType = file.mimeType ?? event.media.mimeType ?? undefined;
		const binary = await fn.helpers.prepareBinaryData(file.data, fileName, mimeType);
		return { json: event, binary: { [property]: binary } };
	} catch (error) {
		// The event still starts the workflow; the download problem is reported with it.
		const message = error instanceof Error ? error.message : String(error);
		const reason = error instanceof MediaDownloadError ? error.reason : 'failed';
		return {
			json: {
				...event,
				media: { ...event.media, downloadError: message, downloadErrorReason: reason },
			},
		};
	}
}
