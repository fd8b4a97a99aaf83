import type { FieldContext, PhoneTarget } from './types';
import { normalizePhone } from './phone';

/** Reads, parses and formats a recipient number as the provider wants it; fails naming the field. */
export function recipient(
	ctx: FieldContext,
	adapter: PhoneTarget,
	field = 'To',
	paramName = 'to',
): string {
	const raw = ctx.param<unknown>(paramName, '');
	const country = ctx.param<string>('options.defaultCountry', '') || undefined;
	return phoneOrFail(ctx, adapter, raw, field, country);
}

export function phoneOrFail(
	ctx: FieldContext,
	adapter: PhoneTarget,
	raw: unknown,
	field: string,
	defaultCountry?: string,
): string {
	const result = normalizePhone(raw, adapter.phone, defaultCountry);
	if (!result.ok) {
		return ctx.fail(
			field,
			`Invalid phone number: ${result.reason}`,
			`Write the number with its country code (e.g. +57 300 123 4567 or 573001234567), or choose a Default Country under Options. ${adapter.name} expects ${adapter.phone.format === 'e164' ? '+ and digits' : 'digits only'}${adapter.phone.minDigits ? ` (${adapter.phone.minDigits}–${adapter.phone.maxDigits} digits)` : ''}.`,
		);
	}
	return result.value;
}

/** A required, non-empty string parameter. */
export function requiredText(
	ctx: FieldContext,
	paramName: string,
	field: string,
	maxLength?: number,
): string {
	const value = ctx.param<unknown>(paramName, '');
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return ctx.fail(
			field,
			`${field} is empty`,
			`Enter a value for ${field}, or map one from the input data.`,
		);
	}
	if (typeof value === 'object') {
		return ctx.fail(
			field,
			`${field} must be text, not ${Array.isArray(value) ? 'a list' : 'an object'}`,
		);
	}
	const text = String(value);
	if (maxLength !== undefined && [...text].length > maxLength) {
		return ctx.fail(
			field,
			`${field} is too long: ${[...text].length} characters, at most ${maxLength} are allowed`,
			'Shorten the text or split it into several messages.',
		);
	}
	return text;
}
