import nock from 'nock';

/**
 * Answers the trigger's DNS-over-HTTPS lookups (transport/download.ts) for `host`: A records
 * from `v4`, AAAA records from `v6`. Returns the scope, to assert the lookups happened.
 */
export function resolvesTo(host: string, v4: string[], v6: string[] = []): nock.Scope {
	const answer = (type: number, list: string[]) => ({
		Status: 0,
		Answer: list.map((data) => ({ name: `${host}.`, type, TTL: 60, data })),
	});
	return nock('https://cloudflare-dns.com', { reqheaders: { accept: 'application/dns-json' } })
		.get('/dns-query')
		.query({ name: host, type: 'A' })
		.reply(200, answer(1, v4), { 'content-type': 'application/dns-json' })
		.get('/dns-query')
		.query({ name: host, type: 'AAAA' })
		.reply(200, answer(28, v6), { 'content-type': 'application/dns-json' });
}
