import type { InvalidNumber, NumberEntry } from '../numberList';
import type { OperationOutput, ProviderAdapter } from '../../providers/types';
import type { ItemOutput } from '../types';

/**
 * Pairs the adapter's per-number outputs (one per entry, in order) with the input items the numbers
 * came from, and adds the number as the user wrote it (`input`).
 */
export function pairWithSources(entries: NumberEntry[], outputs: OperationOutput[]): ItemOutput[] {
	return entries.map((entry, index) => {
		const output = outputs[index] ?? { json: { error: 'No result for this number' } };
		return {
			...output,
			json: { ...output.json, input: entry.input },
			sourceItems: [entry.sourceItem],
		};
	});
}

/** Error items (as under "Continue On Fail") for input items whose number could not be used. */
export function invalidNumberOutputs(
	invalid: InvalidNumber[],
	adapter: ProviderAdapter,
): ItemOutput[] {
	return invalid.map(({ sourceItem, error }) => ({
		json: {
			error: error.message,
			description: error.description ?? null,
			provider: adapter.id,
			httpStatus: null,
			providerCode: null,
			kind: 'input',
			itemIndex: sourceItem,
		},
		sourceItems: [sourceItem],
	}));
}

/** Outputs in input-item order (stable), so results line up with the rows they came from. */
export function inItemOrder(outputs: ItemOutput[]): ItemOutput[] {
	return outputs
		.map((output, index) => ({ output, index }))
		.sort(
			(a, b) =>
				(a.output.sourceItems?.[0] ?? 0) - (b.output.sourceItems?.[0] ?? 0) || a.index - b.index,
		)
		.map(({ output }) => output);
}
