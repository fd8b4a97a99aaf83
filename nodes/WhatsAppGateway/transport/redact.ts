/**
 * The forms a secret can appear in: as given, trimmed (a key pasted with spaces is sent trimmed),
 * base64 (Basic auth), and URL-encoded (query strings, form bodies), longest first.
 */
function secretVariants(secrets: string[]): string[] {
	const variants = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret !== 'string') continue;
		for (const form of [secret, secret.trim()]) {
			if (form.length < 4) continue;
			variants.add(form);
			variants.add(Buffer.from(form).toString('base64'));
			variants.add(encodeURIComponent(form));
			variants.add(encodeURIComponent(form).replace(/%20/g, '+'));
		}
	}
	return [...variants].sort((a, b) => b.length - a.length);
}

/**
 * Removes secrets from any text before it reaches an output, an error or a log. `patterns` are the
 * shapes of keys the provider issues (TransportTarget.secretPatterns, e.g. Whaapy's `wha_…`), masked
 * even when they are not this credential's; a pattern's first capture group (a prefix) is kept.
 */
export function redact(text: string, secrets: string[], patterns: RegExp[] = []): string {
	let result = text;
	for (const variant of secretVariants(secrets)) result = result.split(variant).join('***');
	// Authorization values that may come back in echoes of the request.
	result = result.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 ***');
	for (const pattern of patterns) {
		result = result.replace(pattern, (_match, kept: unknown) =>
			typeof kept === 'string' ? `${kept}***` : '***',
		);
	}
	return result;
}

/** Deep-copies JSON-like data, redacting every string. */
export function redactDeep<T>(value: T, secrets: string[], patterns: RegExp[] = []): T {
	if (typeof value === 'string') return redact(value, secrets, patterns) as unknown as T;
	if (Array.isArray(value))
		return value.map((v) => redactDeep(v, secrets, patterns)) as unknown as T;
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const out: Record<string, unknown> = {};
		for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
			out[key] = /^(authorization|x-api-key|api[-_]?key|password|secret|signing[-_]?key)$/i.test(
				key,
			)
				? '***'
				: redactDeep(inner, secrets, patterns);
		}
		return out as T;
	}
	return value;
}
