import type { INodePropertyOptions } from 'n8n-workflow';

import { getCountries, getCountryCallingCode } from '../vendor/libphonenumber';

let cached: INodePropertyOptions[] | undefined;

/** Options for a "Default Country" field: every country libphonenumber knows, sorted by name. */
export function countryOptions(): INodePropertyOptions[] {
	if (cached) return cached;
	const names = new Intl.DisplayNames(['en'], { type: 'region' });
	const countries = getCountries().map((code) => ({
		name: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})`,
		value: code,
	}));
	countries.sort((a, b) => a.name.localeCompare(b.name));
	cached = [{ name: 'None (Numbers Include the Country Code)', value: '' }, ...countries];
	return cached;
}
