/**
 * The value a template list entry gives the node's Template field (resource locator "From List"):
 * `name (language)`, because WhatsApp needs both to send and a list entry stands for one pair.
 * Typed and mapped names stay plain.
 */
/** Separates a template's name and language in the value of a list entry: `order_update (es)`. */
const TEMPLATE_VALUE = /^(\S+) \(([A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,4})?)\)$/;

/** The value a list entry gives the Template field: name and language, both needed to send. */
export function templateListValue(name: string, language: string): string {
	return `${name} (${language})`;
}

/** Splits a Template value picked from the list; a typed name comes back as it is. */
export function parseTemplateValue(value: string): { name: string; language?: string } {
	const match = TEMPLATE_VALUE.exec(value.trim());
	return match ? { name: match[1], language: match[2] } : { name: value.trim() };
}
