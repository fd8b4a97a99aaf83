import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { PROVIDERS } from '../../providers';
import type { MessageType, ProviderAdapter } from '../../providers/types';

export const MESSAGE_TYPE_LABELS: Record<MessageType, INodePropertyOptions> = {
	audio: { name: 'Audio', value: 'audio', description: 'An audio file or voice note' },
	buttons: { name: 'Interactive Buttons', value: 'buttons', description: 'A text with up to 3 reply buttons' },
	contacts: { name: 'Contacts', value: 'contacts', description: 'One or more contact cards' },
	document: { name: 'Document', value: 'document', description: 'A file such as a PDF' },
	image: { name: 'Image', value: 'image', description: 'A picture with an optional caption' },
	list: { name: 'Interactive List', value: 'list', description: 'A menu of options in sections' },
	location: { name: 'Location', value: 'location', description: 'A map pin' },
	metaJson: { name: 'Raw JSON (Meta Format)', value: 'metaJson', description: 'Any Meta Cloud API message payload' },
	sticker: { name: 'Sticker', value: 'sticker', description: 'A WebP sticker' },
	template: { name: 'Template', value: 'template', description: 'An approved template (works outside the 24-hour window)' },
	text: { name: 'Text', value: 'text', description: 'A plain text message' },
	video: { name: 'Video', value: 'video', description: 'A video with an optional caption' },
};

/** One Message Type parameter per provider, listing only the types that provider can send. */
export function messageTypeProperties(): INodeProperties[] {
	return PROVIDERS.map((adapter: ProviderAdapter) => {
		const types = (Object.keys(adapter.messageTypes) as MessageType[]).map((t) => MESSAGE_TYPE_LABELS[t]);
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
