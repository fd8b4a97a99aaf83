import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { PROVIDERS } from '../../providers';
import type {
	MediaSource,
	MessageType,
	MessageTypeSupport,
	ProviderAdapter,
} from '../../providers/types';

export const MESSAGE_TYPE_LABELS: Record<MessageType, INodePropertyOptions> = {
	audio: { name: 'Audio', value: 'audio', description: 'An audio file or voice note' },
	buttons: {
		name: 'Interactive Buttons',
		value: 'buttons',
		description: 'A text with up to 3 reply buttons',
	},
	contacts: { name: 'Contacts', value: 'contacts', description: 'One or more contact cards' },
	document: { name: 'Document', value: 'document', description: 'A file such as a PDF' },
	image: { name: 'Image', value: 'image', description: 'A picture with an optional caption' },
	list: { name: 'Interactive List', value: 'list', description: 'A menu of options in sections' },
	location: { name: 'Location', value: 'location', description: 'A map pin' },
	metaJson: {
		name: 'Raw JSON (Meta Format)',
		value: 'metaJson',
		description: 'Any Meta Cloud API message payload',
	},
	sticker: { name: 'Sticker', value: 'sticker', description: 'A WebP sticker' },
	template: {
		name: 'Template',
		value: 'template',
		description: 'An approved template (works outside the 24-hour window)',
	},
	text: { name: 'Text', value: 'text', description: 'A plain text message' },
	video: { name: 'Video', value: 'video', description: 'A video with an optional caption' },
};

/** One Message Type parameter per provider, listing only the types that provider can send. */
export function messageTypeProperties(): INodeProperties[] {
	return PROVIDERS.map((adapter: ProviderAdapter) => {
		const types = (Object.keys(adapter.messageTypes) as MessageType[]).map(
			(t) => MESSAGE_TYPE_LABELS[t],
		);
		types.sort((a, b) => a.name.localeCompare(b.name));
		return {
			displayName: 'Message Type',
			name: 'messageType',
			type: 'options',
			noDataExpression: true,
			default: 'text',
			options: types,
			description: `Kind of message to send. ${adapter.name} supports the types listed.`,
			displayOptions: { show: { provider: [adapter.id] } },
		} as INodeProperties;
	});
}

const MEDIA_SOURCE_OPTIONS: Record<MediaSource, INodePropertyOptions> = {
	binary: {
		name: 'Binary File',
		value: 'binary',
		description: 'A file from a previous node (binary data of the input item)',
	},
	mediaId: {
		name: 'Media ID',
		value: 'mediaId',
		description: 'A file uploaded to the provider before',
	},
	url: { name: 'URL', value: 'url', description: 'A public http(s) link to the file' },
};

/** Types of this adapter whose support matches `test`, grouped by a key (one property per group). */
function groupTypes(
	adapter: ProviderAdapter,
	key: (s: MessageTypeSupport, t: MessageType) => string | undefined,
) {
	const groups = new Map<string, MessageType[]>();
	for (const [type, support] of Object.entries(adapter.messageTypes) as Array<
		[MessageType, MessageTypeSupport]
	>) {
		const k = key(support, type);
		if (k === undefined) continue;
		groups.set(k, [...(groups.get(k) ?? []), type]);
	}
	return [...groups.entries()];
}

/**
 * Fields whose presence or options depend on what each provider supports for each message type:
 * Media Source (URL / Binary File / Media ID) here; Caption, File Name, Address and Voice Note in
 * providerMessageProperties. One property per provider (and per group of types), so the editor
 * shows only what the provider takes.
 */
export function mediaSourceProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const adapter of PROVIDERS) {
		for (const [key, types] of groupTypes(adapter, (s) =>
			s.mediaSources?.length ? s.mediaSources.join(',') : undefined,
		)) {
			const sources = key.split(',') as MediaSource[];
			const options = sources
				.map((s) => MEDIA_SOURCE_OPTIONS[s])
				.sort((a, b) => a.name.localeCompare(b.name));
			properties.push({
				displayName: 'Media Source',
				name: 'mediaSource',
				type: 'options',
				noDataExpression: true,
				default: 'url',
				options,
				description:
					sources.length === 1
						? `${adapter.name} takes these files by public URL only`
						: 'Where the file comes from',
				displayOptions: { show: { provider: [adapter.id], messageType: types } },
			});
		}
	}
	return properties;
}

/** Caption, File Name, Address and Voice Note, per provider (see mediaSourceProperties). */
export function providerMessageProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const adapter of PROVIDERS) {
		const captionTypes = groupTypes(adapter, (s) => (s.caption ? 'caption' : undefined))[0]?.[1];
		if (captionTypes) {
			properties.push({
				displayName: 'Caption',
				name: 'caption',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: 'Optional text shown with the file (up to 1,024 characters)',
				displayOptions: { show: { provider: [adapter.id], messageType: captionTypes } },
			});
		}
		for (const [requirement, types] of groupTypes(adapter, (s) => s.filename)) {
			properties.push({
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'invoice.pdf',
				description:
					requirement === 'required'
						? `Name the recipient sees. ${adapter.name} requires one; when empty, the name of the binary file or the last part of the URL is used.`
						: 'Name the recipient sees (optional; when empty, the name of the binary file is used)',
				displayOptions: { show: { provider: [adapter.id], messageType: types } },
			});
		}
		const addressTypes = groupTypes(adapter, (s) => (s.address ? 'address' : undefined))[0]?.[1];
		if (addressTypes) {
			properties.push({
				displayName: 'Address',
				name: 'locationAddress',
				type: 'string',
				default: '',
				description: 'Optional address line shown under the place name',
				displayOptions: { show: { provider: [adapter.id], messageType: addressTypes } },
			});
		}
		const voiceTypes = groupTypes(adapter, (s) => (s.voice ? 'voice' : undefined))[0]?.[1];
		if (voiceTypes) {
			properties.push({
				displayName: 'Voice Note',
				name: 'voiceNote',
				type: 'boolean',
				default: false,
				description:
					'Whether to send the audio as a voice note (push-to-talk) instead of an audio file',
				displayOptions: { show: { provider: [adapter.id], messageType: voiceTypes } },
			});
		}
	}
	return properties;
}
