/**
 * The one entry point to libphonenumber-js (compact "min" metadata).
 *
 * n8n's community-package scanner rejects runtime dependencies, so the build (gulpfile.js, task
 * `bundle:vendor`) replaces the compiled version of this file with an esbuild bundle that contains
 * the library itself. Source code and tests import it like any module.
 */
export {
	parsePhoneNumberFromString,
	getCountries,
	isSupportedCountry,
	getCountryCallingCode,
} from 'libphonenumber-js/min';
export type { CountryCode } from 'libphonenumber-js/min';
