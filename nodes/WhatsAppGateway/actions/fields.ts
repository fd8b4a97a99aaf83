import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { countryOptions } from '../helpers/countries';

/** Options-collection entry: the country of numbers written without a country code. */
export const defaultCountryOption: INodeProperties = {
	displayName: 'Default Country',
	name: 'defaultCountry',
	type: 'options',
	default: '',
	options: countryOptions(),
	description: 'Country of numbers written without a country code, e.g. (300) 123-4567',
};

/** Where an operation puts the file it outputs (QR code images). */
export const binaryOutputProperty: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
	description: 'The name of the binary property the file is written to',
};

/** Reads a resource locator parameter (or a plain value from before it was one) as text. */
export function locatorValue(value: unknown): string {
	if (value !== null && typeof value === 'object' && '__rl' in (value as IDataObject)) {
		return String((value as IDataObject).value ?? '').trim();
	}
	return value === undefined || value === null ? '' : String(value).trim();
}
