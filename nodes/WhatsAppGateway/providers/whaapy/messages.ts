import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type {
	AdapterContext,
	MessageType,
	MessageTypeSupport,
	OperationOutput,
	OutboundMessage,
	SendResult,
} from '../types';
import { isObject } from '../shared';
import type { WhaapyMediaType } from './media';
import { uploadWhaapyMedia, WHAAPY_MEDIA_LIMITS } from './media';

const media = (type: WhaapyMediaType, extra: MessageTypeSupport = {}): MessageTypeSupport => ({
	mediaSources: ['url', 'binary', 'mediaId'],
	maxBytes: WHAAPY_MEDIA_LIMITS[type].maxBytes,
	mimeTypes: WHAAPY_MEDIA_LIMITS[type].mimeTypes,
	...extra,
});

/**
 * Whaapy (docs/providers/whaapy.md; Meta Cloud API shapes as Whaapy's own n8n node sends them). Media by URL
 * (`link`), by media id, or from binary data (uploaded to `/media/v1` first, then sent by id).
 */
export const whaapyMessageTypes: Partial<Record<MessageType, MessageTypeSupport>> = {
	text: {},
	image: media('image', { caption: true }),
	video: media('video', { caption: true }),
	audio: media('audio', { voice: true }),
	document: media('document', { caption: true, filename: 'optional' }),
	sticker: media('sticker', { extensions: ['webp'] }),
	location: { address: true },
	contacts: {},
	buttons: { buttonCount: { min: 1, max: 3 } },
	list: {},
	template: {
		headerMediaTypes: ['image', 'video', 'document'],
		buttonSubTypes: ['quick_reply', 'url'],
	},
	metaJson: {},
};

export const whaapyMessageProperties: INodeProperties[] = [
	{
		displayName: 'Whaapy Options',
		name: 'whaapyOptions',
		type: 'collection',
		placeholder: 'Add Whaapy option',
		default: {},
		displayOptions: { show: { resource: ['message'], operation: ['send'] } },
		options: [
			{
				displayName: 'Link Preview',
				name: 'previewUrl',
				type: 'boolean',
				default: false,
				description: 'Whether WhatsApp shows a preview of the first link in a text message',
			},
			{
				displayName: 'Reply To Message ID',
				name: 'replyTo',
				type: 'string',
				default: '',
				description:
					'ID of the message this one answers (Whaapy ID or wamid); WhatsApp shows it quoted',
			},
		],
	},
];

/**
 * A text with one URL button: Meta's interactive `cta_url` message, which Whaapy accepts on
 * `POST /messages/v1` (docs/providers/whaapy.md, "interactive": display_text at most 20 characters;
 * Meta allows a body of at most 1024 characters in interactive messages).
 */
export const whaapyLinkButton = {
	maxLabelLength: 20,
	maxBodyLength: 1024,
	payload: ({ body, label, url }: { body: string; label: string; url: string }): IDataObject => ({
		type: 'interactive',
		interactive: {
			type: 'cta_url',
			body: { text: body },
			action: { name: 'cta_url', parameters: { display_text: label, url } },
		},
	}),
};

/** Builds the body of `POST /messages/v1` (docs/providers/whaapy.md#send, "hybrid" format). `mediaId` replaces binary media. */
export function buildWhaapyPayload(
	message: OutboundMessage,
	options: { mediaId?: string; previewUrl?: boolean } = {},
): IDataObject {
	switch (message.type) {
		case 'text':
			// The simplified Whaapy style (docs/providers/whaapy.md#send): { to, content }; Meta style for link previews.
			if (options.previewUrl)
				return { to: message.to, type: 'text', text: { body: message.text, preview_url: true } };
			return { to: message.to, content: message.text };
		case 'image':
		case 'video':
		case 'audio':
		case 'document':
		case 'sticker': {
			const m = message.media;
			const mediaId = options.mediaId ?? m?.mediaId;
			const object: IDataObject = mediaId ? { id: mediaId } : { link: m?.url };
			if (message.caption) object.caption = message.caption;
			if (message.type === 'document' && message.filename) object.filename = message.filename;
			if (message.type === 'audio' && m?.voice) object.voice = true;
			return { to: message.to, type: message.type, [message.type]: object };
		}
		case 'location': {
			const l = message.location;
			const location: IDataObject = { latitude: l?.latitude, longitude: l?.longitude };
			if (l?.name) location.name = l.name;
			if (l?.address) location.address = l.address;
			return { to: message.to, type: 'location', location };
		}
		case 'contacts':
			return {
				to: message.to,
				type: 'contacts',
				contacts: (message.contacts ?? []).map((c) => {
					const name: IDataObject = {
						formatted_name: [c.firstName, c.lastName].filter(Boolean).join(' '),
						first_name: c.firstName,
					};
					if (c.lastName) name.last_name = c.lastName;
					// Meta's phone types are upper case (CELL, MAIN, IPHONE, HOME, WORK).
					return {
						name,
						phones: c.phones.map((p) =>
							p.type ? { phone: p.phone, type: p.type.toUpperCase() } : { phone: p.phone },
						),
					};
				}),
			};
		case 'buttons':
		case 'list': {
			const i = message.interactive;
			const interactive: IDataObject = { type: message.type === 'buttons' ? 'button' : 'list' };
			if (i?.header) interactive.header = { type: 'text', text: i.header };
			interactive.body = { text: i?.body };
			if (i?.footer) interactive.footer = { text: i.footer };
			interactive.action =
				message.type === 'buttons'
					? {
							buttons: (i?.buttons ?? []).map((b) => ({
								type: 'reply',
								reply: { id: b.id, title: b.title },
							})),
						}
					: {
							button: i?.buttonText,
							sections: (i?.sections ?? []).map((s) =>
								s.title ? { title: s.title, rows: s.rows } : { rows: s.rows },
							),
						};
			return { to: message.to, type: 'interactive', interactive };
		}
		case 'template':
			return { to: message.to, type: 'template', ...whaapyTemplate(message) };
		case 'metaJson':
			// The escape hatch: the user's Meta payload, addressed to the To field.
			return { ...(message.rawPayload ?? {}), to: message.to };
		default:
			throw new Error(`Whaapy cannot send ${message.type} messages`);
	}
}

/**
 * Templates: Whaapy's simplified fields (templateName, language, template_parameters, header_media)
 * and, when there are parameters, the Meta `template` object alongside (as Whaapy's own n8n node
 * does), which also carries header text and button parameters the simplified form cannot express.
 */
function whaapyTemplate(message: OutboundMessage): IDataObject {
	const t = message.template;
	if (!t) return {};
	const body: IDataObject = { templateName: t.name, language: t.language };
	if (t.body?.length) body.template_parameters = t.body;
	if (t.headerMedia) body.header_media = { type: t.headerMedia.type, url: t.headerMedia.url };
	const components: IDataObject[] = [];
	if (t.headerMedia) {
		components.push({
			type: 'header',
			parameters: [{ type: t.headerMedia.type, [t.headerMedia.type]: { link: t.headerMedia.url } }],
		});
	} else if (t.header?.length) {
		components.push({
			type: 'header',
			parameters: t.header.map((text) => ({ type: 'text', text })),
		});
	}
	if (t.body?.length)
		components.push({ type: 'body', parameters: t.body.map((text) => ({ type: 'text', text })) });
	for (const b of t.buttons ?? []) {
		components.push({
			type: 'button',
			sub_type: b.subType,
			index: String(b.index),
			parameters: [
				b.subType === 'url'
					? { type: 'text', text: b.value }
					: { type: 'payload', payload: b.value },
			],
		});
	}
	if (components.length)
		body.template = {
			name: t.name,
			language: { code: t.language, policy: 'deterministic' },
			components,
		};
	return body;
}

/** Sends a message; binary media is uploaded to `/media/v1` first and sent by its media id. */
export async function sendWhaapyMessage(
	ctx: AdapterContext,
	message: OutboundMessage,
): Promise<SendResult> {
	const options = ctx.param<IDataObject>('options', {}) ?? {};
	const replyTo =
		typeof options.replyTo === 'string' || typeof options.replyTo === 'number'
			? String(options.replyTo).trim()
			: '';
	if (replyTo && /\s/.test(replyTo)) {
		ctx.fail(
			'Options → Reply To Message ID',
			`"${replyTo.slice(0, 60)}" is not a message ID`,
			'Use the messageId or wamid of the message to answer.',
		);
	}
	let uploadedMediaId: string | undefined;
	if (message.media?.source === 'binary' && message.media.data) {
		const upload = await uploadWhaapyMedia(
			ctx,
			{
				data: message.media.data,
				mimeType: message.media.mimeType ?? '',
				fileName: message.media.fileName ?? message.type,
			},
			message.type as WhaapyMediaType,
			'Input Binary Field',
		);
		uploadedMediaId = upload.id;
	}
	const body = buildWhaapyPayload(message, {
		mediaId: uploadedMediaId,
		previewUrl: options.previewUrl === true,
	});
	if (replyTo && !isObject(body.context)) body.context = { message_id: replyTo };
	const response = await ctx.call({
		method: 'POST',
		path: '/messages/v1',
		body,
		action: 'send the message',
		sendsMessage: true,
	});
	const result = whaapySendResult(message, response.body);
	if (uploadedMediaId) result.mediaId = uploadedMediaId;
	return result;
}

/** Normalizes Whaapy's send (and retry) answer. */
export function whaapySendResult(
	message: Pick<OutboundMessage, 'to' | 'type'>,
	body: unknown,
): SendResult {
	const first =
		isObject(body) && Array.isArray(body.messages) && isObject(body.messages[0])
			? body.messages[0]
			: {};
	const data = isObject(body) && isObject(body.data) ? body.data : {};
	const id = first.id ?? data.id;
	return {
		provider: 'whaapy',
		to: message.to,
		messageId: id !== undefined && id !== null ? String(id) : null,
		wamid: typeof first.wamid === 'string' ? first.wamid : null,
		conversationId: typeof data.conversationId === 'string' ? data.conversationId : null,
		status: typeof data.status === 'string' ? data.status : 'sent',
		type: message.type,
		providerResponse: body as IDataObject,
	};
}

/** Message → Retry: `POST /messages/v1/{id}/retry` (docs/providers/whaapy.md), no body; answers like a send. */
export async function retryWhaapyMessage(ctx: AdapterContext): Promise<OperationOutput[]> {
	const id = String(ctx.param<string>('messageId', '') ?? '').trim();
	if (!id)
		ctx.fail(
			'Message ID',
			'Message ID is empty',
			'Enter the Whaapy message ID of the failed message (messageId of the Send output, or data.id of the error).',
		);
	if (/[\s/?#]/.test(id))
		ctx.fail(
			'Message ID',
			`"${id.slice(0, 60)}" is not a Whaapy message ID`,
			'Whaapy message IDs look like 3f2c…-…(a UUID).',
		);
	const response = await ctx.call({
		method: 'POST',
		path: `/messages/v1/${encodeURIComponent(id)}/retry`,
		action: 'retry the message',
		sendsMessage: true,
	});
	const body = response.body;
	const contact =
		isObject(body) && Array.isArray(body.contacts) && isObject(body.contacts[0])
			? body.contacts[0]
			: {};
	const data = isObject(body) && isObject(body.data) ? body.data : {};
	const to =
		typeof contact.input === 'string'
			? contact.input
			: typeof contact.wa_id === 'string'
				? `+${contact.wa_id}`
				: '';
	const result = whaapySendResult(
		{
			to,
			type: (typeof data.messageType === 'string'
				? data.messageType
				: 'unknown') as OutboundMessage['type'],
		},
		body,
	);
	if (!result.messageId) result.messageId = id;
	return [{ json: { ...result, retried: true } }];
}
