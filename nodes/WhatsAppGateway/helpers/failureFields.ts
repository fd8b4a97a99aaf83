import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * The fields of an error for a per-number result of a bulk operation (the same names as the node's
 * "Continue On Fail" error items): message, what to do, HTTP status, provider code, kind.
 */
export function failureFields(error: unknown): IDataObject {
	const context =
		(error instanceof NodeApiError || error instanceof NodeOperationError ? error.context : {}) ??
		{};
	const message = error instanceof Error ? error.message : String(error);
	return {
		error: message,
		description: (error as { description?: string | null }).description ?? null,
		httpStatus: (context.httpStatus as number | undefined) ?? null,
		providerCode: (context.providerCode as string | undefined) ?? null,
		kind: (context.kind as string | undefined) ?? 'unexpected',
	};
}
