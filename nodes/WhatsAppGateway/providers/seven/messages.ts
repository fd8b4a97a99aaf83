import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type {
	AdapterContext,
	MessageType,
	MessageTypeSupport,
	OperationOutput,
	OutboundMessage,
} from '../types';

/**
 * seven.io WABA message types (docs/providers/seven.md, `POST /api/waba/messages`). Media only by public URL:
 * image JPEG/PNG, video MP4/3GPP, audio MP3/OGG/AMR/AAC, document (filename required), sticker WebP.
 * Buttons: 2–3. Lists: sections each with a title. Templates: positional header/body strings, one
 * image URL as header, URL buttons (`sub_type: "url"`).
 */
export const sevenMessageTypes: Partial<Record<MessageType, MessageTypeSupport>> = {
	text: {},
	image: { mediaSources: ['url'], caption: true },
	video: { mediaSources: ['url'], caption: true },
	audio: { mediaSources: ['url'] },
	document: { mediaSources: ['url'], caption: true, filename: 'required' },
	sticker: { mediaSources: ['url'], extensions: ['webp'] },
	location: { address: true },
	contacts: {},
	buttons: { buttonCount: { min: 2, max: 3 } },
	list: { sectionTitleRequired: true },
	template: { headerMediaTypes: ['image'], buttonSubTypes: ['url'] },
};

/** label / foreign_id: letters, digits and . - _ @ (docs/providers/seven.md). */
const LABEL_CHARS = /^[A-Za-z0-9.\-_@]+$/;

/** seven's optional send parameters (docs/providers/seven.md#send). */
export const sevenMessageProperties: INodeProperties[] = [
	{
		displayName: 'Seven Options',
		name: 'sevenOptions', // merged into the operation's Options collection by nodeProperties.ts
		type: 'collection',
		placeholder: 'Add seven.io option',
		default: {},
		displayOptions: { show: { resource: ['message'], operation: ['send'] } },
		options: [
			{
				displayName: 'Foreign ID',
				name: 'foreignId',
				type: 'string',
				default: '',
				description:
					'Your own ID for the message, returned in status reports (up to 64 characters: letters, digits, . - _ @).',
			},
			{
				displayName: 'Label',
				name: 'label',
				type: 'string',
				default: '',
				description: 'Label for statistics (up to 100 characters: letters, digits, . - _ @).',
			},
			{
				displayName: 'Performance Tracking',
				name: 'performanceTracking',
				type: 'boolean',
				default: false,
				description:
					'Whether to track clicks on links in the message (this also shortens the links)',
			},
			{
				displayName: 'Send At',
				name: 'delay',
				type: 'dateTime',
				default: '',
				description:
					'Schedule the message for this date and time (time zone of the workflow unless the value has an offset). Scheduled messages can be deleted with Message → Delete Scheduled until they are sent.',
			},
			{
				displayName: 'Validity (Minutes)',
				name: 'ttl',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 2880,
				description:
					'How long seven.io tries to deliver the message (ttl). Default 2880 = 48 hours.',
			},
		],
	},
];

/** Builds the type-specific part of `POST /api/waba/messages` (docs/providers/seven.md). */
export function buildSevenContent(message: OutboundMessage): IDataObject {
	switch (message.type) {
		case 'text':
			return { type: 'text', text: message.text };
		case 'image':
		case 'video':
		case 'audio':
		case 'document':
		case 'sticker': {
			const body: IDataObject = { type: message.type, url: message.media?.url };
			if (message.type === 'document') body.filename = message.filename;
			if (message.caption) body.caption = message.caption;
			return body;
		}
		case 'location': {
			const l = message.location;
			const body: IDataObject = {
				type: 'location',
				latitude: l?.latitude,
				longitude: l?.longitude,
			};
			if (l?.name) body.name = l.name;
			if (l?.address) body.address = l.address;
			return body;
		}
		case 'contacts':
			return {
				type: 'contacts',
				contacts: (message.contacts ?? []).map((c) => ({
					name: c.lastName
						? { first_name: c.firstName, last_name: c.lastName }
						: { first_name: c.firstName },
					phones: c.phones.map((p) =>
						p.type ? { phone: p.phone, type: p.type } : { phone: p.phone },
					),
				})),
			};
		case 'buttons':
		case 'list': {
			const i = message.interactive;
			const body: IDataObject = {
				type: 'interactive',
				interactive_type: message.type === 'buttons' ? 'button' : 'list',
			};
			if (i?.header) body.header = i.header;
			body.body = i?.body;
			if (i?.footer) body.footer = i.footer;
			if (message.type === 'buttons') {
				body.buttons = i?.buttons?.map((b) => ({ id: b.id, title: b.title }));
			} else {
				body.button_text = i?.buttonText;
				body.sections = i?.sections?.map((s) => ({ title: s.title, rows: s.rows }));
			}
			return body;
		}
		case 'template': {
			const t = message.template;
			const body: IDataObject = { type: 'template', template: t?.name, language: t?.language };
			const components: IDataObject = {};
			if (t?.headerMedia) components.header = [t.headerMedia.url];
			else if (t?.header?.length) components.header = t.header;
			if (t?.body?.length) components.body = t.body;
			if (t?.buttons?.length) {
				components.buttons = t.buttons.map((b) => ({
					type: 'button',
					sub_type: 'url',
					parameters: [{ type: 'text', text: b.value }],
				}));
			}
			if (Object.keys(components).length) body.components = components;
			return body;
		}
		default:
			throw new Error(`seven cannot send ${message.type} messages`);
	}
}

/** Reads and validates the Seven Options (delay, ttl, label, performance_tracking, foreign_id). */
export function sevenSendOptions(ctx: AdapterContext): IDataObject {
	const options = ctx.param<IDataObject>('options', {}) ?? {};
	const out: IDataObject = {};
	if (options.delay !== undefined && options.delay !== null && options.delay !== '') {
		const seconds = toUnixSeconds(options.delay, ctx.timezone);
		if (seconds === undefined || !Number.isFinite(seconds)) {
			ctx.fail(
				'Options → Send At',
				`"${String(options.delay).slice(0, 60)}" is not a date and time`,
				'Pick a date and time, or use an expression such as {{ $now.plus(1, "hour") }}.',
			);
		}
		// A Unix timestamp (documented alongside "YYYY-MM-DD hh:mm:ss") avoids any time-zone ambiguity.
		out.delay = String(seconds);
	}
	if (options.ttl !== undefined && options.ttl !== null && options.ttl !== '') {
		const ttl = Number(options.ttl);
		if (!Number.isInteger(ttl) || ttl < 1)
			ctx.fail(
				'Options → Validity (Minutes)',
				`Validity must be a whole number of minutes above 0, not ${String(options.ttl)}`,
			);
		out.ttl = ttl;
	}
	const label = labelValue(ctx, options.label, 'Options → Label', 100);
	if (label !== undefined) out.label = label;
	if (
		options.performanceTracking !== undefined &&
		options.performanceTracking !== null &&
		options.performanceTracking !== ''
	) {
		out.performance_tracking =
			options.performanceTracking === true || options.performanceTracking === 'true';
	}
	const foreignId = labelValue(ctx, options.foreignId, 'Options → Foreign ID', 64);
	if (foreignId !== undefined) out.foreign_id = foreignId;
	return out;
}

function labelValue(
	ctx: AdapterContext,
	raw: unknown,
	field: string,
	max: number,
): string | undefined {
	if (raw === undefined || raw === null) return undefined;
	const value = String(raw);
	if (value === '') return undefined;
	if (value.length > max)
		ctx.fail(
			field,
			`${field.split(' → ').pop()} is too long: ${value.length} characters, at most ${max} are allowed`,
		);
	if (!LABEL_CHARS.test(value)) {
		const bad = [...new Set([...value].filter((ch) => !/[A-Za-z0-9.\-_@]/.test(ch)))].map((ch) =>
			ch === ' ' ? 'space' : `"${ch}"`,
		);
		ctx.fail(
			field,
			`${field.split(' → ').pop()} contains characters seven.io does not allow: ${bad.join(', ')}`,
			'Use only letters a–z and A–Z, digits 0–9 and . - _ @.',
		);
	}
	return value;
}

/**
 * An n8n date/time value as Unix seconds. Accepts Unix seconds/milliseconds, ISO strings with an
 * offset, and ISO strings without one (read as wall time in `timeZone`, the workflow's time zone).
 * Returns NaN when the value is not a date.
 */
export function toUnixSeconds(value: unknown, timeZone?: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number') return value > 1e11 ? Math.floor(value / 1000) : Math.floor(value);
	if (value instanceof Date) return Math.floor(value.getTime() / 1000);
	if (typeof value === 'object') {
		const toMillis = (value as { toMillis?: unknown }).toMillis;
		if (typeof toMillis === 'function') return Math.floor(Number(toMillis.call(value)) / 1000);
		return NaN;
	}
	const text = String(value).trim();
	if (/^\d{9,13}$/.test(text)) {
		const n = Number(text);
		return n > 1e11 ? Math.floor(n / 1000) : n;
	}
	const m =
		/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
			text,
		);
	if (!m) return NaN;
	const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(
		Number,
	);
	const wall = Date.UTC(y, mo - 1, d, h, mi, s);
	const check = new Date(wall);
	if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
		return NaN;
	if (m[7]) {
		if (/^z$/i.test(m[7])) return Math.floor(wall / 1000);
		const sign = m[7].startsWith('-') ? -1 : 1;
		const digits = m[7].replace(/[^0-9]/g, '');
		const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
		return Math.floor((wall - offsetMinutes * 60_000) / 1000);
	}
	let instant = wall - zoneOffsetMs(wall, timeZone);
	const second = zoneOffsetMs(instant, timeZone);
	if (wall - second !== instant) instant = wall - second;
	return Math.floor(instant / 1000);
}

/** Offset of `timeZone` from UTC at an instant, in ms (0 for UTC or an unknown zone). */
function zoneOffsetMs(instant: number, timeZone?: string): number {
	if (!timeZone) return 0;
	try {
		const parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		}).formatToParts(new Date(instant));
		const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
		const asUtc = Date.UTC(
			get('year'),
			get('month') - 1,
			get('day'),
			get('hour'),
			get('minute'),
			get('second'),
		);
		return asUtc - Math.floor(instant / 1000) * 1000;
	} catch {
		return 0;
	}
}

/** Message → Delete Scheduled: `DELETE /api/waba/messages/{id}` (docs/providers/seven.md). */
export async function deleteSevenScheduled(ctx: AdapterContext): Promise<OperationOutput[]> {
	const id = String(ctx.param<string>('messageId', '') ?? '').trim();
	if (!id)
		ctx.fail(
			'Message ID',
			'Message ID is empty',
			'Enter the ID seven.io returned when the message was scheduled (messageId of the Send output).',
		);
	if (!/^[A-Za-z0-9._-]+$/.test(id))
		ctx.fail(
			'Message ID',
			`"${id.slice(0, 60)}" is not a seven.io message ID`,
			'seven.io message IDs are numbers such as 12345678.',
		);
	// Already sent → {error_code: 400, "Message already sent…"}; unknown → 404 "Page not found".
	// Both become clear NodeApiErrors in interpretSeven.
	const response = await ctx.call({
		method: 'DELETE',
		path: `/api/waba/messages/${encodeURIComponent(id)}`,
		action: 'delete the scheduled message',
	});
	return [
		{
			json: {
				provider: 'seven',
				messageId: id,
				deleted: true,
				status: 'deleted',
				providerResponse: response.body as IDataObject,
			},
		},
	];
}
