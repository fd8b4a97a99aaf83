import type {
	IDataObject,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { FormFieldType } from './sendAndWait.fields';
import { FORM_FIELD_TYPES } from './sendAndWait.fields';
import type { PageButton, PageField } from './sendAndWait.pages';
import { approvalPage, formPage, problemPage, recordedPage } from './sendAndWait.pages';

/**
 * The waiting webhook of Send and Wait for Response (GET and POST on
 * /webhook-waiting/<execution>/<node id>; n8n checks the signature before calling it).
 *
 * - Approval: GET with `approved=true|false` shows a page with that one button (Options → Confirm
 *   on Page, the default) or records the answer at once (option off); GET without it shows all
 *   buttons. The buttons POST `approved` back to the same address. Only a POST (or a GET with the
 *   option off) resumes the workflow, so a link preview or a link scanner cannot answer.
 * - Free Text and Custom Form: GET shows the form, POST (multipart, as n8n parses it) checks the
 *   values; a bad form is shown again with the problem and the workflow keeps waiting.
 *
 * The send details (recipient, provider, message id, question) come from the item the operation
 * left as this node's input (`$json` here).
 */

/**
 * The node's waiting webhooks (n8n's send-and-wait pattern): `restartWebhook` makes them live only
 * while an execution of this node waits, at /webhook-waiting/<execution id>/<node id>; they are
 * never registered with a provider, so the node has no `webhookMethods` (checkExists/create/delete
 * belong to trigger nodes, as in n8n's own send-and-wait nodes, which declare them the same way).
 */
const waitingWebhook = (httpMethod: 'GET' | 'POST'): IWebhookDescription => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
});
export const sendAndWaitWebhooks: IWebhookDescription[] = [
	waitingWebhook('GET'),
	waitingWebhook('POST'),
];

type Fail = (field: string, message: string, hint?: string) => never;
type Param = <T = unknown>(name: string, fallback?: T) => T;

export interface FormFieldDefinition {
	label: string;
	type: FormFieldType;
	required: boolean;
	placeholder: string;
	choices: string[];
}

/** The Custom Form fields of the node, checked (used when sending and when serving the form). */
export function readFormFields(param: Param, fail: Fail): FormFieldDefinition[] {
	const raw = param<IDataObject[]>('formFields.values', []) ?? [];
	if (!Array.isArray(raw) || raw.length === 0) {
		return fail(
			'Form Fields',
			'The form has no fields',
			'Add at least one field under Form Fields.',
		);
	}
	const seen = new Set<string>();
	return raw.map((value, index) => {
		const where = `Form Fields → field ${index + 1}`;
		const label = String(value.fieldLabel ?? '').trim();
		if (!label) fail(where, 'The field has no label');
		if (seen.has(label.toLowerCase()))
			fail(
				where,
				`Two fields are labeled "${label}"`,
				'Labels are the keys of the answer: make them unique.',
			);
		seen.add(label.toLowerCase());
		const type = String(value.fieldType ?? 'text') as FormFieldType;
		if (!FORM_FIELD_TYPES.includes(type)) fail(where, `"${type}" is not a field type`);
		const choices =
			type === 'dropdown'
				? String(value.fieldOptions ?? '')
						.split(',')
						.map((c) => c.trim())
						.filter(Boolean)
				: [];
		if (type === 'dropdown' && choices.length === 0) {
			fail(
				where,
				`The dropdown "${label}" has no options`,
				'Write its choices in Field Options, separated by commas.',
			);
		}
		return {
			label,
			type,
			required: value.requiredField === true,
			placeholder: String(value.placeholder ?? ''),
			choices,
		};
	});
}

/** A value the person sent: multipart bodies arrive as `{ data, files }`, url-encoded ones flat. */
function bodyValue(body: IDataObject, name: string): string | undefined {
	const source = body.data && typeof body.data === 'object' ? (body.data as IDataObject) : body;
	const value = source[name];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

function sendHtml(fn: IWebhookFunctions, status: number, html: string): IWebhookResponseData {
	const res = fn.getResponseObject();
	res.status(status);
	res.setHeader('Content-Type', 'text/html; charset=utf-8');
	res.setHeader('Cache-Control', 'no-store');
	res.send(html);
	return { noWebhookResponse: true };
}

function record(sent: IDataObject, answer: IDataObject, summary: string): IWebhookResponseData {
	return {
		webhookResponse: recordedPage(summary),
		workflowData: [
			[
				{
					json: { ...sent, ...answer, responded: true, respondedAt: new Date().toISOString() },
					pairedItem: { item: 0 },
				},
			],
		],
	};
}

function sentItem(fn: IWebhookFunctions): IDataObject {
	const json = fn.evaluateExpression('{{ $json }}', 0);
	return json && typeof json === 'object' && !Array.isArray(json)
		? { ...(json as IDataObject) }
		: {};
}

export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const method = req.method;
	const sent = sentItem(this);
	const param: Param = <T>(name: string, fallback?: T) =>
		this.getNodeParameter(name, fallback) as T;
	const responseType = String(sent.responseType ?? param('responseType', 'approval'));
	const question = String(sent.message ?? param('message', ''));
	const options = param<IDataObject>('options', {}) ?? {};
	const title = String(options.responseFormTitle ?? '').trim();
	const query = (req.query ?? {}) as IDataObject;
	const body = (method === 'POST' ? (this.getBodyData() ?? {}) : {}) as IDataObject;

	if (responseType === 'approval') {
		const values = param<IDataObject>('approvalOptions.values', {}) ?? {};
		const double = values.approvalType === 'double';
		const approveLabel = String(values.approveLabel ?? '').trim() || '✓ Approve';
		const declineLabel = String(values.disapproveLabel ?? '').trim() || '✗ Decline';
		const fromQuery = typeof query.approved === 'string' ? query.approved : undefined;
		const choice = method === 'POST' ? (bodyValue(body, 'approved') ?? fromQuery) : fromQuery;
		const known = choice === 'true' || (choice === 'false' && double);
		if (choice !== undefined && !known) {
			return sendHtml(
				this,
				400,
				problemPage(
					'This link does not hold a valid answer. Open the link from the message again.',
				),
			);
		}
		const confirmOnPage = options.confirmOnPage !== false;
		if (known && (method === 'POST' || !confirmOnPage)) {
			const approved = choice === 'true';
			return record(
				sent,
				{ status: approved ? 'approved' : 'declined', approved },
				`Your answer: ${approved ? approveLabel : declineLabel}`,
			);
		}
		const buttons: PageButton[] = [];
		if (choice !== 'false') buttons.push({ label: approveLabel, approved: 'true', primary: true });
		if (double && choice !== 'true')
			buttons.push({ label: declineLabel, approved: 'false', primary: false });
		return sendHtml(this, 200, approvalPage({ title, message: question, buttons }));
	}

	const description = String(options.responseFormDescription ?? '').trim() || question;
	const buttonLabel = String(options.responseFormButtonLabel ?? '').trim() || 'Submit';

	if (responseType === 'freeText') {
		const field: PageField = {
			name: 'field-0',
			label: 'Response',
			type: 'textarea',
			required: true,
		};
		if (method !== 'POST')
			return sendHtml(this, 200, formPage({ title, description, fields: [field], buttonLabel }));
		const text = (bodyValue(body, 'field-0') ?? '').trim();
		if (!text) {
			return sendHtml(
				this,
				400,
				formPage({
					title,
					description,
					fields: [field],
					buttonLabel,
					error: 'Write an answer before sending.',
				}),
			);
		}
		return record(sent, { status: 'answered', text }, 'Your answer was sent.');
	}

	// Custom Form
	let definitions: FormFieldDefinition[];
	try {
		definitions = readFormFields(param, (_field, message) => {
			throw new Error(message);
		});
	} catch (error) {
		return sendHtml(
			this,
			500,
			problemPage(`This form cannot be shown: ${(error as Error).message}.`),
		);
	}
	const fields: PageField[] = definitions.map((d, i) => ({
		name: `field-${i}`,
		label: d.label,
		type: d.type,
		required: d.required,
		placeholder: d.placeholder,
		choices: d.choices,
	}));
	if (method !== 'POST')
		return sendHtml(this, 200, formPage({ title, description, fields, buttonLabel }));

	const form: IDataObject = {};
	const problems: string[] = [];
	fields.forEach((field, i) => {
		const raw = (bodyValue(body, field.name) ?? '').trim();
		field.value = raw;
		const definition = definitions[i];
		if (!raw) {
			if (definition.required) problems.push(`"${field.label}" is required.`);
			form[field.label] = null;
			return;
		}
		switch (definition.type) {
			case 'number': {
				const n = Number(raw);
				if (!Number.isFinite(n)) problems.push(`"${field.label}" must be a number.`);
				form[field.label] = n;
				return;
			}
			case 'email':
				if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw))
					problems.push(`"${field.label}" must be an email address.`);
				break;
			case 'date':
				if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(new Date(raw).getTime())) {
					problems.push(`"${field.label}" must be a date (YYYY-MM-DD).`);
				}
				break;
			case 'dropdown':
				if (!definition.choices.includes(raw))
					problems.push(`"${field.label}" must be one of the listed choices.`);
				break;
		}
		form[field.label] = raw;
	});
	if (problems.length) {
		return sendHtml(
			this,
			400,
			formPage({ title, description, fields, buttonLabel, error: problems.join(' ') }),
		);
	}
	return record(sent, { status: 'answered', form }, 'Your answer was sent.');
}
