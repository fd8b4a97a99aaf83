import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * Parameter reads with less work per item.
 *
 * n8n evaluates every expression of every item in its expression engine (n8n 2.x: an isolated V8
 * context; about 0.7 ms per evaluation in `npm run bench`, more than the rest of a send). The most
 * common expression by far is a plain field of the input item, `{{ $json.to }}`, which is what
 * drag-and-drop mapping writes. When a parameter is exactly such an expression and the field holds
 * text, this reads the text straight from the item: the value n8n's evaluation gives for it
 * (`$json` is the item's json; a text result is returned unchanged). Anything else (other
 * expressions, a missing field, numbers, objects, plain values) is read through n8n as usual.
 */
const FIELD_EXPRESSION =
	/^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:'[^'\\]*'|"[^"\\]*")\s*\])+)\s*\}\}$/;
const FIELD_SEGMENT = /\.([A-Za-z_$][\w$]*)|\[\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*\]/g;

interface RunParameters {
	/** The node's parameters as saved (expressions unevaluated), read once per run. */
	raw: IDataObject;
	items: INodeExecutionData[];
	/** Parameter name → path of the item field it maps, or null when it is not a plain field. */
	fields: Map<string, string[] | null>;
}

const runs = new WeakMap<object, RunParameters>();

function runParameters(fn: IExecuteFunctions): RunParameters {
	let run = runs.get(fn);
	if (!run) {
		run = {
			raw: (fn.getNode().parameters ?? {}) as IDataObject,
			items: fn.getInputData(),
			fields: new Map(),
		};
		runs.set(fn, run);
	}
	return run;
}

/** The item field a saved parameter value maps (`={{ $json.a.b }}` → ['a', 'b']), else null. */
export function mappedField(value: unknown): string[] | null {
	if (typeof value !== 'string') return null;
	const match = FIELD_EXPRESSION.exec(value);
	if (!match) return null;
	const path: string[] = [];
	for (const segment of match[1].matchAll(FIELD_SEGMENT)) {
		path.push(segment[1] ?? segment[2] ?? segment[3]);
	}
	return path;
}

function savedValue(raw: IDataObject, name: string): unknown {
	let value: unknown = raw;
	for (const key of name.split('.')) {
		if (!value || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key))
			return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/** An own field of the item's json along `path`, or undefined. */
function fieldValue(json: unknown, path: string[]): unknown {
	let value = json;
	for (const key of path) {
		if (!value || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key))
			return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/** `fn.getNodeParameter(name, itemIndex, fallback)`, without n8n's evaluation for a text field. */
export function readParameter(
	fn: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): unknown {
	const run = runParameters(fn);
	let field = run.fields.get(name);
	if (field === undefined) {
		field = mappedField(savedValue(run.raw, name));
		run.fields.set(name, field);
	}
	if (field) {
		const value = fieldValue(run.items[itemIndex]?.json, field);
		if (typeof value === 'string') return value;
	}
	return fn.getNodeParameter(name, itemIndex, fallback as never);
}
