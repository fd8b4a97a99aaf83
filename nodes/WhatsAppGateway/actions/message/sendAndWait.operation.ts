import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, SEND_AND_WAIT_OPERATION, WAIT_INDEFINITELY } from 'n8n-workflow';

import type { AdapterContext, OutboundMessage, ProviderAdapter } from '../../providers/types';
import { recipient, requiredText } from '../../helpers/validation';
import type { OperationDefinition } from '../types';
import { sendAndWaitProperties } from './sendAndWait.fields';
import { readFormFields } from './sendAndWait.webhook';

/**
 * Message → Send and Wait for Response.
 *
 * Sends the question through the provider's normal send path (same adapter, transport, retries and
 * error mapping as Message → Send), with one answer link per choice. The links are n8n's signed
 * waiting-webhook addresses of this node (`getSignedResumeUrl`: /webhook-waiting/<execution>/<node
 * id>?…&signature=…); the node's `webhook()` (sendAndWait.webhook.ts) serves the pages and resumes
 * the execution with the answer. The operation value is n8n's SEND_AND_WAIT_OPERATION, which is
 * what n8n 2.x looks for to check the signature, to show its "no action required" page once the
 * execution finished, and to offer the node as a human-review tool for AI agents.
 *
 * One message per execution: n8n waits for one answer, so the node takes exactly one input item.
 */

export type ResponseType = 'approval' | 'freeText' | 'customForm';
const RESPONSE_TYPES: ResponseType[] = ['approval', 'freeText', 'customForm'];

/** One answer link of the message. */
interface AnswerLink {
	label: string;
	url: string;
}

export const sendAndWaitOperation: OperationDefinition = {
	resource: 'message',
	operation: SEND_AND_WAIT_OPERATION,
	name: 'Send and Wait for Response',
	action: 'Send message and wait for response',
	description:
		'Send a question with answer links and pause the workflow until the person approves, declines, writes an answer or fills in a form',
	properties: sendAndWaitProperties,
	isSupported: (adapter) => Boolean(adapter.messageTypes.text),
	// n8n waits for one answer per execution: the operation runs once, for the first item.
	aggregatesItems: () => true,
	async execute(ctx, adapter) {
		const count = this.getInputData().length;
		if (count > 1) {
			throw new NodeOperationError(
				this.getNode(),
				`Send and Wait for Response sends one message and waits for one answer, but got ${count} items`,
				{
					itemIndex: 1,
					description:
						'Put a "Loop Over Items" node (batch size 1) before this node to ask one question per item, or a "Limit" node to ask only once.',
				},
			);
		}
		const to = recipient(ctx, adapter);
		const message = requiredText(ctx, 'message', 'Message').trim();
		const responseType = readResponseType(ctx);
		const approval = responseType === 'approval' ? readApproval(ctx) : undefined;
		if (responseType === 'customForm')
			readFormFields(ctx.param, (field, msg, hint) => ctx.fail(field, msg, hint));
		const waitTill = readWaitTill(ctx);
		const linkStyle = adapter.linkButton ? ctx.param<string>('linkStyle', 'text') : 'text';
		const buttonLabel = String(
			ctx.param<string>('options.messageButtonLabel', 'Respond') ?? '',
		).trim();

		const outbound =
			linkStyle === 'button'
				? buttonMessage(this, ctx, adapter, to, message, responseType, approval, buttonLabel)
				: textMessage(this, ctx, adapter, to, message, responseType, approval, buttonLabel);

		// n8n 1.x checks the links' signature only for executions marked so (2.x always does for
		// send-and-wait nodes and no longer has the method): an answer needs the exact link we sent.
		const marker = (this as Partial<Pick<IExecuteFunctions, 'setSignatureValidationRequired'>>)
			.setSignatureValidationRequired;
		if (typeof marker === 'function') marker.call(this);

		const sent = await adapter.send(ctx, outbound);
		const item: IDataObject = {
			status: 'noResponse',
			responded: false,
			responseType,
			message,
			provider: adapter.id,
			to: sent.to,
			messageId: sent.messageId,
			sentAt: new Date().toISOString(),
			waitTill: waitTill === WAIT_INDEFINITELY ? null : waitTill.toISOString(),
		};
		// What the workflow goes on with if nobody answers in time: n8n resumes a timed-out wait by
		// passing this node's input through, so the input becomes the "noResponse" item. An answer
		// replaces it (the webhook reads the send details from it as `$json`).
		const executeData = this.getExecuteData();
		executeData.data = { main: [[{ json: item, pairedItem: { item: 0 } }]] };

		await this.putExecutionToWait(waitTill);
		return [{ json: { ...item, status: 'waiting' }, sourceItems: [0] }];
	},
};

function readResponseType(ctx: AdapterContext): ResponseType {
	const value = ctx.param<string>('responseType', 'approval') as ResponseType;
	if (!RESPONSE_TYPES.includes(value)) {
		ctx.fail(
			'Response Type',
			`"${String(value)}" is not a response type`,
			'Use approval, freeText or customForm.',
		);
	}
	return value;
}

interface ApprovalSettings {
	double: boolean;
	approveLabel: string;
	declineLabel: string;
}

function label(ctx: AdapterContext, value: unknown, field: string, fallback: string): string {
	const text = String(value ?? '').trim() || fallback;
	if (/[\r\n]/.test(text)) ctx.fail(field, `${field} must be one line`);
	if ([...text].length > 60) ctx.fail(field, `${field} is too long: at most 60 characters`);
	return text;
}

export function readApproval(ctx: AdapterContext): ApprovalSettings {
	const values = ctx.param<IDataObject>('approvalOptions.values', {}) ?? {};
	const type = values.approvalType ?? 'single';
	if (type !== 'single' && type !== 'double') {
		ctx.fail(
			'Approval Options → Type of Approval',
			`"${String(type)}" is not a type of approval`,
			'Use single or double.',
		);
	}
	return {
		double: type === 'double',
		approveLabel: label(
			ctx,
			values.approveLabel,
			'Approval Options → Approve Button Label',
			'✓ Approve',
		),
		declineLabel: label(
			ctx,
			values.disapproveLabel,
			'Approval Options → Decline Button Label',
			'✗ Decline',
		),
	};
}

/** When to stop waiting (Options → Limit Wait Time), or WAIT_INDEFINITELY. */
function readWaitTill(ctx: AdapterContext): Date {
	const limit = ctx.param<IDataObject>('options.limitWaitTime.values', {}) ?? {};
	if (Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	const field = 'Options → Limit Wait Time';
	if ((limit.limitType ?? 'afterTimeInterval') === 'afterTimeInterval') {
		const amount = Number(limit.resumeAmount ?? 45);
		const unitMs: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
		const unit = unitMs[String(limit.resumeUnit ?? 'minutes')];
		if (!Number.isFinite(amount) || amount <= 0 || !unit) {
			ctx.fail(field, 'The wait time must be a positive amount of minutes, hours or days');
		}
		return new Date(Date.now() + amount * unit);
	}
	const raw = limit.maxDateAndTime;
	const date = new Date(String(raw ?? ''));
	if (!raw || Number.isNaN(date.getTime())) {
		ctx.fail(
			field,
			`"${String(raw ?? '')}" is not a date and time`,
			'Use e.g. 2026-12-24T18:00:00Z.',
		);
	}
	if (date.getTime() <= Date.now()) {
		ctx.fail(
			field,
			`${date.toISOString()} is in the past`,
			'Choose a later date, or remove the limit.',
		);
	}
	return date;
}

/**
 * The node's answer address with query parameters, signed by n8n (`signature`). n8n versions
 * without signed resume URLs get the plain waiting-webhook address of the node.
 */
function answerUrl(fn: IExecuteFunctions, params: Record<string, string>): string {
	if (typeof fn.getSignedResumeUrl === 'function') return fn.getSignedResumeUrl(params);
	const base = String(fn.evaluateExpression('{{ $execution.resumeUrl }}', 0));
	const url = new URL(`${base}/${encodeURIComponent(fn.getNode().id)}`);
	for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
	return url.toString();
}

function links(
	fn: IExecuteFunctions,
	responseType: ResponseType,
	approval: ApprovalSettings | undefined,
	buttonLabel: string,
): AnswerLink[] {
	if (responseType !== 'approval' || !approval) {
		return [{ label: buttonLabel || 'Respond', url: answerUrl(fn, {}) }];
	}
	const result = [{ label: approval.approveLabel, url: answerUrl(fn, { approved: 'true' }) }];
	if (approval.double) {
		result.push({ label: approval.declineLabel, url: answerUrl(fn, { approved: 'false' }) });
	}
	return result;
}

/** The question with one short labeled line per answer link (WhatsApp bold labels). */
function textMessage(
	fn: IExecuteFunctions,
	ctx: AdapterContext,
	adapter: ProviderAdapter,
	to: string,
	message: string,
	responseType: ResponseType,
	approval: ApprovalSettings | undefined,
	buttonLabel: string,
): OutboundMessage {
	const lines = links(fn, responseType, approval, buttonLabel).map((l) => `*${l.label}:* ${l.url}`);
	const text = `${message}\n\n${lines.join('\n\n')}`;
	const length = [...text].length;
	if (length > adapter.maxTextLength) {
		ctx.fail(
			'Message',
			`The message with its answer links has ${length} characters; ${adapter.name} takes at most ${adapter.maxTextLength}`,
			`Shorten the message to at most ${adapter.maxTextLength - (length - [...message].length)} characters.`,
		);
	}
	return { to, type: 'text', text };
}

/** The question with one URL button (providers with `linkButton`, e.g. Whaapy's CTA URL). */
function buttonMessage(
	fn: IExecuteFunctions,
	ctx: AdapterContext,
	adapter: ProviderAdapter,
	to: string,
	message: string,
	responseType: ResponseType,
	approval: ApprovalSettings | undefined,
	buttonLabel: string,
): OutboundMessage {
	const support = adapter.linkButton;
	if (!support) return ctx.fail('Send Links As', `${adapter.name} has no URL buttons`);
	// One button opens one address: Approve only → the approve page; otherwise the page with all
	// choices (Approve and Decline) or the form.
	const single = responseType === 'approval' && approval && !approval.double;
	const link: AnswerLink = single
		? { label: approval.approveLabel, url: answerUrl(fn, { approved: 'true' }) }
		: { label: buttonLabel || 'Respond', url: answerUrl(fn, {}) };
	const labelField = single
		? 'Approval Options → Approve Button Label'
		: 'Options → Message Button Label';
	if ([...link.label].length > support.maxLabelLength) {
		ctx.fail(
			labelField,
			`A button label has at most ${support.maxLabelLength} characters, "${link.label}" has ${[...link.label].length}`,
		);
	}
	if ([...message].length > support.maxBodyLength) {
		ctx.fail(
			'Message',
			`A message with a button has at most ${support.maxBodyLength} characters, this one has ${[...message].length}`,
			'Shorten the message, or send the links as text lines.',
		);
	}
	return {
		to,
		type: 'metaJson',
		rawPayload: support.payload({ body: message, label: link.label, url: link.url }),
	};
}
