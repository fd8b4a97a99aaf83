import type { CountryCode } from '../vendor/libphonenumber';
import {
	getCountryCallingCode,
	isSupportedCountry,
	parsePhoneNumberFromString,
} from '../vendor/libphonenumber';
import type { PhoneRules } from './types';

export type PhoneResult = { ok: true; value: string } | { ok: false; reason: string };

const SEPARATORS = /[\s\-().\u00a0\u200e\u200f\u202a-\u202e/]/g;

/**
 * Parses a phone number the way people paste them from CRMs and sheets and formats it as a
 * provider wants it.
 *
 * - `+57 300 123 4567`, `0057 300...`, `573001234567`, `573001234567@c.us`: international.
 * - `(300) 123-4567` with a default country: national number of that country.
 * - Digits without `+`: first tried as a national number of the default country (if one is set and
 *   the number is valid there), otherwise read as international (country code first).
 *
 * An international number keeps its digits exactly: WhatsApp ids that numbering plans no longer
 * list (Mexico's `521...`, Argentina's `549...`) pass through as long as the country calling code
 * exists and the length is plausible, because providers address WhatsApp accounts by those ids.
 */
export function normalizePhone(
	input: unknown,
	rules: PhoneRules,
	defaultCountry?: string,
): PhoneResult {
	if (typeof input === 'number' && Number.isFinite(input)) input = String(Math.trunc(input));
	if (typeof input !== 'string') return { ok: false, reason: 'is not text' };
	let raw = input.trim();
	if (raw === '') return { ok: false, reason: 'is empty' };
	raw = raw.replace(/^whatsapp:/i, '').replace(/@(c\.us|s\.whatsapp\.net)$/i, '');
	const compact = raw.replace(SEPARATORS, '');
	if (!/^(\+|00)?\d+$/.test(compact)) {
		return {
			ok: false,
			reason: `"${truncate(input)}" contains characters that are not part of a phone number`,
		};
	}

	let digits: string | undefined;
	if (compact.startsWith('+') || compact.startsWith('00')) {
		digits = international(compact.replace(/^(\+|00)/, ''));
		if (!digits)
			return { ok: false, reason: `"${truncate(input)}" is not a valid international number` };
	} else {
		const country = validCountry(defaultCountry);
		if (country) {
			const national = parsePhoneNumberFromString(compact, country);
			const callingCode = getCountryCallingCode(country);
			// A national number valid in the default country wins, unless the digits already start
			// with that country's calling code and are valid as written (573001234567 with CO).
			const asInternational = international(compact);
			if (national?.isValid() && !(compact.startsWith(callingCode) && asInternational)) {
				digits = national.number.slice(1);
			} else {
				digits = asInternational;
			}
		} else {
			digits = international(compact);
		}
		if (!digits) {
			return {
				ok: false,
				reason: `"${truncate(input)}" is not a valid phone number${country ? ` for ${country}` : ''} (write it with the country code, e.g. +573001234567${country ? '' : ', or set Default Country'})`,
			};
		}
	}

	if (rules.minDigits && digits.length < rules.minDigits) {
		return {
			ok: false,
			reason: `must have at least ${rules.minDigits} digits including the country code`,
		};
	}
	if (rules.maxDigits && digits.length > rules.maxDigits) {
		return {
			ok: false,
			reason: `must have at most ${rules.maxDigits} digits including the country code`,
		};
	}
	return { ok: true, value: rules.format === 'e164' ? `+${digits}` : digits };
}

/** Returns the digits when they form a plausible international number, else undefined. */
function international(digits: string): string | undefined {
	if (digits.length < 8 || digits.length > 15) return undefined;
	const parsed = parsePhoneNumberFromString(`+${digits}`);
	if (!parsed) return undefined;
	if (parsed.isPossible()) return digits;
	// WhatsApp ids outside today's numbering plan: accept a known calling code with a national part
	// of reasonable length.
	const nationalLength = digits.length - parsed.countryCallingCode.length;
	return nationalLength >= 6 && nationalLength <= 13 ? digits : undefined;
}

function validCountry(code?: unknown): CountryCode | undefined {
	// An expression can hand over any type here (a number, an object): only text names a country.
	if (!code || typeof code !== 'string') return undefined;
	const upper = code.trim().toUpperCase();
	return isSupportedCountry(upper) ? (upper as CountryCode) : undefined;
}

function truncate(value: string): string {
	return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
