import type { INodeProperties } from 'n8n-workflow';

import { PROVIDERS } from '../../providers';
import type { MessageType, ProviderAdapter } from '../../providers/types';

/** Providers that have (or, with `has` false, lack) a dynamic list of this kind. */
function providersListing(list: keyof NonNullable<ProviderAdapter['lists']>, has = true): string[] {
	return PROVIDERS.filter((p) => (p.lists?.[list] !== undefined) === has).map((p) => p.id);
}

/** Message types that carry a file. */
export const MEDIA_TYPES: MessageType[] = ['image', 'video', 'audio', 'document', 'sticker'];

const show = (types: MessageType[], extra: Record<string, string[]> = {}) => ({
	show: { messageType: types, ...extra },
});

/** Text message. */
export const textFields: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: 'The message text (up to 4,096 characters)',
		displayOptions: show(['text']),
	},
];

/** Media messages: URL, binary property or uploaded media id (Media Source is generated per provider). */
export const mediaFields: INodeProperties[] = [
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/files/photo.jpg',
		description: 'Public http(s) URL of the file. The provider downloads it from there.',
		displayOptions: show(MEDIA_TYPES, { mediaSource: ['url'] }),
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to send',
		description:
			'Binary property of the input item that holds the file (e.g. from Read/Write Files, Google Drive or HTTP Request)',
		displayOptions: show(MEDIA_TYPES, { mediaSource: ['binary'] }),
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of a file uploaded before (Media → Upload)',
		displayOptions: show(MEDIA_TYPES, { mediaSource: ['mediaId'] }),
	},
];

/** Location message (the address line is generated per provider). */
export const locationFields: INodeProperties[] = [
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 7 },
		description: 'Latitude of the place, from -90 to 90 (e.g. 4.711)',
		displayOptions: show(['location']),
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 7 },
		description: 'Longitude of the place, from -180 to 180 (e.g. -74.0086)',
		displayOptions: show(['location']),
	},
	{
		displayName: 'Place Name',
		name: 'locationName',
		type: 'string',
		default: '',
		placeholder: 'Bogotá, Colombia',
		description: 'Name of the place shown with the pin (optional)',
		displayOptions: show(['location']),
	},
];

/** Contact cards. */
export const contactFields: INodeProperties[] = [
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Contact',
		default: {},
		description: 'The contact cards to send',
		displayOptions: show(['contacts']),
		options: [
			{
				name: 'contact',
				displayName: 'Contact',
				values: [
					{
						displayName: 'First Name',
						name: 'firstName',
						type: 'string',
						default: '',
						required: true,
					},
					{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
					{
						displayName: 'Phone Numbers',
						name: 'phones',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						placeholder: 'Add Phone Number',
						default: {},
						options: [
							{
								name: 'phone',
								displayName: 'Phone Number',
								values: [
									{
										displayName: 'Number',
										name: 'number',
										type: 'string',
										default: '',
										placeholder: '+34 612 345 678',
									},
									{
										displayName: 'Type',
										name: 'type',
										type: 'options',
										default: '',
										options: [
											{ name: 'Cell', value: 'cell' },
											{ name: 'Home', value: 'home' },
											{ name: 'iPhone', value: 'iphone' },
											{ name: 'Main', value: 'main' },
											{ name: 'Not Specified', value: '' },
											{ name: 'Work', value: 'work' },
										],
									},
								],
							},
						],
					},
				],
			},
		],
	},
];

/** Interactive messages (buttons and lists). */
export const interactiveFields: INodeProperties[] = [
	{
		displayName: 'Body',
		name: 'interactiveBody',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: 'Main text of the message (up to 1,024 characters)',
		displayOptions: show(['buttons', 'list']),
	},
	{
		displayName: 'Header',
		name: 'interactiveHeader',
		type: 'string',
		default: '',
		description: 'Optional header text (up to 60 characters)',
		displayOptions: show(['buttons', 'list']),
	},
	{
		displayName: 'Footer',
		name: 'interactiveFooter',
		type: 'string',
		default: '',
		description: 'Optional footer text (up to 60 characters)',
		displayOptions: show(['buttons', 'list']),
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Button',
		default: {},
		description:
			'Reply buttons (at most 3; seven.io needs at least 2). The ID comes back when the customer taps it.',
		displayOptions: show(['buttons']),
		options: [
			{
				name: 'button',
				displayName: 'Button',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						required: true,
						description: 'Button text (up to 20 characters)',
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						description: 'Your ID for the button; empty = button_1, button_2, …',
					},
				],
			},
		],
	},
	{
		displayName: 'Button Text',
		name: 'listButtonText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'See options',
		description: 'Text of the button that opens the list (up to 20 characters)',
		displayOptions: show(['list']),
	},
	{
		displayName: 'Sections',
		name: 'sections',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Section',
		default: {},
		description: 'Sections of the list (at most 10 rows in total)',
		displayOptions: show(['list']),
		options: [
			{
				name: 'section',
				displayName: 'Section',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: 'Section title (up to 24 characters)',
					},
					{
						displayName: 'Rows',
						name: 'rows',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						placeholder: 'Add Row',
						default: {},
						options: [
							{
								name: 'row',
								displayName: 'Row',
								values: [
									{
										displayName: 'Title',
										name: 'title',
										type: 'string',
										default: '',
										required: true,
										description: 'Row title (up to 24 characters)',
									},
									{
										displayName: 'Description',
										name: 'description',
										type: 'string',
										default: '',
										description: 'Optional row description (up to 72 characters)',
									},
									{
										displayName: 'ID',
										name: 'id',
										type: 'string',
										default: '',
										description: 'Your ID for the row; empty = row_1, row_2, …',
									},
								],
							},
						],
					},
				],
			},
		],
	},
];

/** Template messages. */
export const templateFields: INodeProperties[] = [
	// Providers that list their templates (adapter.lists.templates: Whaapy) get a Template field
	// "From List"; the others a typed name. nodeProperties.ts shows each for its providers.
	{
		displayName: 'Template',
		name: 'templateName',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description:
			'The approved WhatsApp template. Picked from the list, it brings its language; the list also says how many body and button parameters it needs.',
		displayOptions: show(['template'], { provider: providersListing('templates') }),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'order_confirmation',
			},
		],
	},
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'order_confirmation',
		description: 'Exact name of the approved WhatsApp template',
		displayOptions: show(['template'], { provider: providersListing('templates', false) }),
	},
	{
		displayName: 'Language Code',
		name: 'templateLanguage',
		type: 'string',
		default: '',
		placeholder: 'es_MX',
		description:
			'Language of the template as WhatsApp names it, e.g. en, es, de, en_US, es_MX, pt_BR. Leave empty when the template was picked from the list (its language is used).',
		displayOptions: show(['template'], { provider: providersListing('templates') }),
	},
	{
		displayName: 'Language Code',
		name: 'templateLanguage',
		type: 'string',
		required: true,
		default: 'en',
		placeholder: 'es_MX',
		description:
			'Language of the template as WhatsApp names it, e.g. en, es, de, en_US, es_MX, pt_BR',
		displayOptions: show(['template'], { provider: providersListing('templates', false) }),
	},
	{
		displayName: 'Parameters',
		name: 'templateParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		description:
			'Values for the template placeholders, in order: the first body parameter fills {{1}}, the second {{2}}, …',
		displayOptions: show(['template']),
		options: [
			{
				name: 'body',
				displayName: 'Body Parameter',
				values: [
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						description: 'Value of the next {{n}} in the template body',
					},
				],
			},
			{
				name: 'button',
				displayName: 'Button Parameter',
				values: [
					{
						displayName: 'Button Index',
						name: 'index',
						type: 'number',
						default: 0,
						typeOptions: { minValue: 0, maxValue: 9 },
						description: 'Position of the button in the template, starting at 0',
					},
					{
						displayName: 'Kind',
						name: 'subType',
						type: 'options',
						default: 'url',
						options: [
							{ name: 'Quick Reply Payload', value: 'quick_reply' },
							{ name: 'URL Suffix', value: 'url' },
						],
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The URL suffix, or the payload returned when the button is tapped',
					},
				],
			},
			{
				name: 'header',
				displayName: 'Header Text Parameter',
				values: [
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						description: 'Value of the {{1}} in a text header',
					},
				],
			},
			{
				name: 'headerMedia',
				displayName: 'Header Media',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'image',
						options: [
							{ name: 'Document', value: 'document' },
							{ name: 'Image', value: 'image' },
							{ name: 'Video', value: 'video' },
						],
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/header.jpg',
						description: 'Public URL of the header file',
					},
				],
			},
		],
	},
];

/** The one raw escape hatch: a Meta Cloud API message payload. */
export const metaJsonFields: INodeProperties[] = [
	{
		displayName: 'Message JSON',
		name: 'metaJson',
		type: 'json',
		required: true,
		default: '{\n  "type": "text",\n  "text": { "body": "Hello!", "preview_url": false }\n}',
		description:
			'A WhatsApp Cloud API (Meta) message object, e.g. {"type": "interactive", "interactive": {…}}. The recipient is taken from the To field.',
		displayOptions: show(['metaJson']),
	},
];
