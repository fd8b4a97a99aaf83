import type { INodeProperties } from 'n8n-workflow';

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
