import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type {
	AdapterContext,
	MessageType,
	MessageTypeSupport,
	OperationOutput,
	OutboundMessage,
} from '../types';
import { isObject } from '../shared';
import { isHttpUrl } from '../../helpers/binary';

/**
 * DecisionTelecom (docs/providers/decisionTelecom.md, `POST /v1/api/send-whatsapp`): message_type 1 text, 2 image by URL
 * (the URL must end in .jpg, .jpeg or .png), 4 registered template (`template_name` plus
 * `template_params`, a JSON *string* holding a Meta on-premises template message).
 * Assumption: the image caption travels in `text` (documented for type 1, up to 4096 characters).
 */
export const decisionMessageTypes: Partial<Record<MessageType, MessageTypeSupport>> = {
	text: {},
	image: {
		mediaSources: ['url'],
		caption: true,
		extensions: ['jpg', 'jpeg', 'png'],
		extensionRequired: true,
	},
	template: {
		headerMediaTypes: ['image', 'video', 'document'],
		buttonSubTypes: ['quick_reply', 'url'],
	},
};

/** WhatsApp statuses of `POST /v1/api/receive-whatsapp` (docs/providers/decisionTelecom.md). */
export const DECISION_STATUSES: Record<number, string> = {
	1: 'delivered',
	2: 'rejected',
	3: 'error',
	4: 'failed',
	5: 'deleted',
	6: 'pending',
	7: 'seen',
};

export const decisionMessageProperties: INodeProperties[] = [
	{
		displayName: 'Template Namespace',
		name: 'decisionTemplateNamespace',
		type: 'string',
		default: '',
		description:
			'Namespace of the template in your WhatsApp Business account (optional; sent in template_params)',
		displayOptions: {
			show: { resource: ['message'], operation: ['send'], messageType: ['template'] },
		},
	},
	{
		displayName: 'DecisionTelecom Options',
		name: 'decisionOptions',
		type: 'collection',
		placeholder: 'Add DecisionTelecom option',
		default: {},
		displayOptions: { show: { resource: ['message'], operation: ['send'] } },
		options: [
			{
				displayName: 'Status Callback URL',
				name: 'callbackUrl',
				type: 'string',
				default: '',
				placeholder: 'https://your-n8n/webhook/whatsapp-status',
				description: 'URL DecisionTelecom calls with status updates of this message (callback_url)',
			},
		],
	},
];

/** The message part of `POST /v1/api/send-whatsapp` (docs/providers/decisionTelecom.md). */
export function buildDecisionContent(message: OutboundMessage, namespace?: string): IDataObject {
	switch (message.type) {
		case 'text':
			return { message_type: 1, text: message.text };
		case 'image': {
			const body: IDataObject = { message_type: 2, file_url: message.media?.url };
			if (message.caption) body.text = message.caption;
			return body;
		}
		case 'template': {
			const t = message.template;
			const components: IDataObject[] = [];
			if (t?.headerMedia) {
				components.push({
					type: 'header',
					parameters: [
						{ type: t.headerMedia.type, [t.headerMedia.type]: { link: t.headerMedia.url } },
					],
				});
			} else if (t?.header?.length) {
				components.push({
					type: 'header',
					parameters: t.header.map((text) => ({ type: 'text', text })),
				});
			}
			if (t?.body?.length)
				components.push({
					type: 'body',
					parameters: t.body.map((text) => ({ type: 'text', text })),
				});
			for (const b of t?.buttons ?? []) {
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
			const template: IDataObject = {};
			if (namespace) template.namespace = namespace;
			template.language = { policy: 'deterministic', code: t?.language };
			template.name = t?.name;
			template.components = components;
			return {
				message_type: 4,
				template_name: t?.name,
				// Documented as a string holding JSON, not a nested object.
				template_params: JSON.stringify({ to: message.to, type: 'template', template }),
			};
		}
		default:
			throw new Error(`DecisionTelecom cannot send ${message.type} messages`);
	}
}

/** Reads and validates the DecisionTelecom send options (callback_url, template namespace). */
export function decisionSendOptions(
	ctx: AdapterContext,
	message: OutboundMessage,
): { callbackUrl?: string; namespace?: string } {
	const options = ctx.param<IDataObject>('options', {}) ?? {};
	const out: { callbackUrl?: string; namespace?: string } = {};
	const callbackUrl = typeof options.callbackUrl === 'string' ? options.callbackUrl.trim() : '';
	if (callbackUrl) {
		if (!isHttpUrl(callbackUrl)) {
			ctx.fail(
				'Options → Status Callback URL',
				`"${callbackUrl.slice(0, 100)}" is not a valid http(s) URL`,
				'Enter a full URL such as the Production URL of an n8n Webhook node.',
			);
		}
		out.callbackUrl = callbackUrl;
	}
	if (message.type === 'template') {
		const namespace = String(ctx.param<string>('decisionTemplateNamespace', '') ?? '').trim();
		if (namespace) out.namespace = namespace;
	}
	return out;
}

/** Message → Get Status: `POST /v1/api/receive-whatsapp` {message_id} → {message_id, status 1–7}. */
export async function getDecisionStatus(ctx: AdapterContext): Promise<OperationOutput[]> {
	const raw = String(ctx.param<string | number>('messageId', '') ?? '').trim();
	if (!raw)
		ctx.fail(
			'Message ID',
			'Message ID is empty',
			'Enter the message_id DecisionTelecom returned when the message was sent (messageId of the Send output).',
		);
	if (!/^\d{1,15}$/.test(raw))
		ctx.fail(
			'Message ID',
			`"${raw.slice(0, 60)}" is not a DecisionTelecom message ID`,
			'DecisionTelecom message IDs are numbers, e.g. 554.',
		);
	const response = await ctx.call({
		method: 'POST',
		path: '/v1/api/receive-whatsapp',
		body: { message_id: Number(raw) },
		action: 'get the message status',
	});
	const body = isObject(response.body) ? response.body : {};
	const code = Number(body.status);
	return [
		{
			json: {
				provider: 'decisionTelecom',
				messageId:
					body.message_id !== undefined && body.message_id !== null ? String(body.message_id) : raw,
				status: DECISION_STATUSES[code] ?? 'unknown',
				statusCode: Number.isFinite(code) ? code : null,
				providerResponse: response.body as IDataObject,
			},
		},
	];
}
