import type { INodeProperties } from 'n8n-workflow';

import { PROVIDERS } from '../../providers';
import { countryOptions } from '../../helpers/countries';
import { optionsCollection } from '../common.descriptions';

/**
 * Fields of Message → Send and Wait for Response. Parameter names follow n8n's own send-and-wait
 * nodes (`message`, `responseType`, `approvalOptions`, `formFields`, `options.limitWaitTime`), so
 * users find what they know and n8n 2.x can build its human-review tool from this node.
 */

/** Form field types of a Custom Form response. */
export const FORM_FIELD_TYPES = [
	'text',
	'textarea',
	'number',
	'email',
	'date',
	'dropdown',
] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

const limitWaitTime: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		'Whether to stop waiting after a while. The workflow then goes on with one "noResponse" item.',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{
							name: 'After Time Interval',
							value: 'afterTimeInterval',
							description: 'Stop waiting after an amount of time',
						},
						{
							name: 'At Specified Time',
							value: 'atSpecifiedTime',
							description: 'Stop waiting at a date and time',
						},
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 45,
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'minutes',
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					description: 'When to stop waiting (the workflow time zone applies without an offset)',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

/**
 * The sender fields a provider requires for every message (seven.io "From", DecisionTelecom
 * "Sender"), shown again for this operation. Provider options of Send (scheduling, link previews)
 * are deliberately not offered: a delayed approval request or a link preview that opens the answer
 * link makes no sense here.
 */
function senderFields(): INodeProperties[] {
	return PROVIDERS.flatMap((adapter) =>
		(adapter.properties ?? [])
			.filter((p) => {
				const show = p.displayOptions?.show ?? {};
				return (
					p.required === true &&
					Object.keys(show).every((k) => k === 'resource' || k === 'operation') &&
					(show.operation ?? []).includes('send')
				);
			})
			.map((p) => ({ ...p, displayOptions: { show: { provider: [adapter.id] } } })),
	);
}

const linkButtonProviders = PROVIDERS.filter((p) => p.linkButton).map((p) => p.id);

export const sendAndWaitProperties: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+57 300 123 4567',
		description:
			'Phone number of the person who answers, with country code (or a Default Country under Options)',
	},
	...senderFields(),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Refund of 120 EUR for order A-1042?',
		description:
			'The question. The answer links are added below it (or as a button, see Send Links As).',
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description: 'The person approves (or declines) with a link',
			},
			{
				name: 'Free Text',
				value: 'freeText',
				description: 'The person writes an answer in a form',
			},
			{
				name: 'Custom Form',
				value: 'customForm',
				description: 'The person fills in a form with the fields defined here',
			},
		],
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'single',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Decline', value: 'double' },
						],
					},
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: '✓ Approve',
					},
					{
						displayName: 'Decline Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: '✗ Decline',
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Form Fields',
		name: 'formFields',
		type: 'fixedCollection',
		placeholder: 'Add form field',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { responseType: ['customForm'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Field Label',
						name: 'fieldLabel',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'e.g. Delivery date',
						description: 'Label shown on the form;	also the key of the answer in the output',
					},
					{
						displayName: 'Field Options',
						name: 'fieldOptions',
						type: 'string',
						default: '',
						placeholder: 'e.g. Small, Medium, Large',
						description: 'The choices of the dropdown list, separated by commas',
					},
					{
						displayName: 'Field Type',
						name: 'fieldType',
						type: 'options',
						default: 'text',
						options: [
							{
								name: 'Date',
								value: 'date',
							},
							{
								name: 'Dropdown List',
								value: 'dropdown',
							},
							{
								name: 'Email',
								value: 'email',
							},
							{
								name: 'Number',
								value: 'number',
							},
							{
								name: 'Text',
								value: 'text',
							},
							{
								name: 'Textarea',
								value: 'textarea',
							},
						],
					},
					{
						displayName: 'Placeholder',
						name: 'placeholder',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Required Field',
						name: 'requiredField',
						type: 'boolean',
						default: false,
						description: 'Whether the form can only be sent with this field filled in',
					},
				],
			},
		],
	},
	{
		displayName: 'Send Links As',
		name: 'linkStyle',
		type: 'options',
		default: 'text',
		displayOptions: { show: { provider: linkButtonProviders } },
		options: [
			{
				name: 'Text Lines',
				value: 'text',
				description: 'One short labeled line per answer link below the message',
			},
			{
				name: 'URL Button',
				value: 'button',
				description:
					'One button under the message (WhatsApp interactive "CTA URL"). With Approve and Decline it opens a page with both choices.',
			},
		],
	},
	optionsCollection(
		{
			displayName: 'Confirm on Page',
			name: 'confirmOnPage',
			type: 'boolean',
			default: true,
			description:
				'Whether an approval link opens a page where the person taps the button to confirm. When off, opening the link records the answer, and so may a link preview or a security scanner that opens links.',
		},
		{
			displayName: 'Default Country',
			name: 'defaultCountry',
			type: 'options',
			default: '',
			options: countryOptions(),
			description: 'Country of numbers written without a country code, e.g. (300) 123-4567',
		},
		limitWaitTime,
		{
			displayName: 'Message Button Label',
			name: 'messageButtonLabel',
			type: 'string',
			default: 'Respond',
			description: 'Label of the link (or button) that opens the form (Free Text, Custom Form)',
		},
		{
			displayName: 'Response Form Button Label',
			name: 'responseFormButtonLabel',
			type: 'string',
			default: 'Submit',
		},
		{
			displayName: 'Response Form Description',
			name: 'responseFormDescription',
			type: 'string',
			default: '',
			description: 'Text above the form fields (default: the message)',
		},
		{
			displayName: 'Response Form Title',
			name: 'responseFormTitle',
			type: 'string',
			default: '',
			description: 'Title of the page that opens from the message',
		},
	),
];
