/*
 * Types the helpers work with. Helpers are the bottom layer: they know no provider, only these
 * shapes (providers/types.ts builds its AdapterContext and ProviderAdapter on them).
 */

/** How a provider wants phone numbers. */
export interface PhoneRules {
	/** `digits`: country code and number, digits only. `e164`: the same with a leading `+`. */
	format: 'digits' | 'e164';
	minDigits?: number;
	maxDigits?: number;
}

/** Reads a node parameter of the current item. */
export type ParamReader = <T = unknown>(name: string, fallback?: T) => T;

/** Reading the fields of one input item and failing with a message that names the item and field. */
export interface FieldContext {
	param: ParamReader;
	itemIndex: number;
	/** Throws a NodeOperationError naming the item and the field. */
	fail: (field: string, message: string, hint?: string) => never;
}

/** What phone validation needs to know of a provider. */
export interface PhoneTarget {
	/** Display name ("seven.io"). */
	name: string;
	phone: PhoneRules;
}
