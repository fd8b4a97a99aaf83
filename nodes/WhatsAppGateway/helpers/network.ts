/**
 * Which addresses a media download may reach (issue #10: no server-side request forgery).
 *
 * n8n's community-package scanner allows no `dns` or `net` import, so host names are resolved over
 * DNS-over-HTTPS (transport/download.ts) and the answers are classified here, as are IP literals.
 * Refused: loopback, private (RFC 1918, IPv6 ULA), link-local (incl. cloud metadata 169.254.169.254),
 * CGNAT (100.64/10, incl. 100.100.100.200), unspecified, broadcast, multicast, reserved and
 * documentation ranges, and IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4),
 * judged by that IPv4 address; Teredo is refused.
 */

/** Parses a dotted IPv4 address into its four bytes; undefined when it is not one. */
export function parseIpv4(text: string): number[] | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	const bytes: number[] = [];
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part)) return undefined;
		const value = Number(part);
		if (value > 255) return undefined;
		bytes.push(value);
	}
	return bytes;
}

/** Parses an IPv6 address (no brackets, no zone) into eight 16-bit groups; undefined when invalid. */
export function parseIpv6(input: string): number[] | undefined {
	let text = input.toLowerCase();
	if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
	if (text.includes('%')) text = text.slice(0, text.indexOf('%'));
	if (!/^[0-9a-f:.]+$/.test(text) || !text.includes(':')) return undefined;
	let tail: number[] = [];
	const lastColon = text.lastIndexOf(':');
	const last = text.slice(lastColon + 1);
	if (last.includes('.')) {
		const v4 = parseIpv4(last);
		if (!v4) return undefined;
		tail = [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
		text = `${text.slice(0, lastColon + 1)}${tail.length ? '0:0' : ''}`;
	}
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const toGroups = (part: string): number[] | undefined => {
		if (part === '') return [];
		const groups: number[] = [];
		for (const group of part.split(':')) {
			if (!/^[0-9a-f]{1,4}$/.test(group)) return undefined;
			groups.push(parseInt(group, 16));
		}
		return groups;
	};
	const head = toGroups(halves[0]);
	const rest = halves.length === 2 ? toGroups(halves[1]) : [];
	if (!head || !rest) return undefined;
	let groups: number[];
	if (halves.length === 2) {
		const missing = 8 - head.length - rest.length;
		if (missing < 1) return undefined;
		groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
	} else {
		groups = head;
	}
	if (groups.length !== 8) return undefined;
	if (tail.length) {
		groups[6] = tail[0];
		groups[7] = tail[1];
	}
	return groups;
}

function inV4(bytes: number[], base: [number, number, number, number], prefix: number): boolean {
	const value = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
	const net = ((base[0] << 24) | (base[1] << 16) | (base[2] << 8) | base[3]) >>> 0;
	const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
	return (value & mask) >>> 0 === (net & mask) >>> 0;
}

const V4_BLOCKED: Array<[[number, number, number, number], number, string]> = [
	[[0, 0, 0, 0], 8, 'unspecified ("this network")'],
	[[10, 0, 0, 0], 8, 'private'],
	[[100, 64, 0, 0], 10, 'carrier-grade NAT (shared)'],
	[[127, 0, 0, 0], 8, 'loopback'],
	[[169, 254, 0, 0], 16, 'link-local (cloud metadata)'],
	[[172, 16, 0, 0], 12, 'private'],
	[[192, 0, 0, 0], 24, 'IETF protocol assignments'],
	[[192, 0, 2, 0], 24, 'documentation'],
	[[192, 88, 99, 0], 24, 'reserved (6to4 relay)'],
	[[192, 168, 0, 0], 16, 'private'],
	[[198, 18, 0, 0], 15, 'benchmarking'],
	[[198, 51, 100, 0], 24, 'documentation'],
	[[203, 0, 113, 0], 24, 'documentation'],
	[[224, 0, 0, 0], 4, 'multicast'],
	[[240, 0, 0, 0], 4, 'reserved / broadcast'],
];

/** Why an IPv4 address may not be fetched from, or undefined when it is public. */
export function blockedIpv4(bytes: number[]): string | undefined {
	for (const [base, prefix, why] of V4_BLOCKED) if (inV4(bytes, base, prefix)) return why;
	return undefined;
}

/** Why an IPv6 address may not be fetched from, or undefined when it is public. */
export function blockedIpv6(groups: number[]): string | undefined {
	const [g0, g1, g2, g3, , g5, g6, g7] = groups;
	const v4 = [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff];
	const embedded = (kind: string) => {
		const why = blockedIpv4(v4);
		return why ? `${why} (${kind})` : undefined;
	};
	const zeroTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
	if (zeroTo(8)) return 'unspecified';
	if (zeroTo(7) && g7 === 1) return 'loopback';
	// ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated): judged by the IPv4 address.
	if (zeroTo(5) && g5 === 0xffff) return embedded('IPv4-mapped');
	if (zeroTo(6)) return embedded('IPv4-compatible') ?? 'reserved (IPv4-compatible)';
	// 64:ff9b::/96 NAT64 and 64:ff9b:1::/48 local NAT64.
	if (g0 === 0x64 && g1 === 0xff9b) return g2 === 1 ? 'local NAT64' : embedded('NAT64');
	if (g0 === 0x2002) {
		const six = [g1 >> 8, g1 & 0xff, g2 >> 8, g2 & 0xff];
		const why = blockedIpv4(six);
		return why ? `${why} (6to4)` : undefined;
	}
	if (g0 === 0x2001 && g1 === 0) return 'Teredo tunnel';
	if (g0 === 0x2001 && g1 === 0xdb8) return 'documentation';
	if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'discard';
	if ((g0 & 0xfe00) === 0xfc00) return 'unique local (private)';
	if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
	if ((g0 & 0xffc0) === 0xfec0) return 'site-local (private)';
	if ((g0 & 0xff00) === 0xff00) return 'multicast';
	return undefined;
}

/** Why an IP literal may not be fetched from; undefined when public; null when it is no IP literal. */
export function blockedAddress(address: string): string | undefined | null {
	const v4 = parseIpv4(address);
	if (v4) return blockedIpv4(v4);
	const v6 = parseIpv6(address);
	if (v6) return blockedIpv6(v6);
	return null;
}

/**
 * Why a host name must not be fetched from even before resolving it: names that only make sense
 * inside a network (no dot: `localhost`, Docker service names; `.localhost`, `.local`, `.internal`,
 * `.lan`, `.home.arpa`, …). Undefined when the name may be resolved.
 */
export function blockedHostName(host: string): string | undefined {
	const name = host.toLowerCase().replace(/\.$/, '');
	if (name === '') return 'empty host';
	if (!name.includes('.')) return 'a name without a domain (local network or container name)';
	if (
		/\.(localhost|local|internal|intranet|lan|home|corp|private|home\.arpa|localdomain)$/.test(name)
	)
		return 'a local-network domain';
	if (name.endsWith('.in-addr.arpa') || name.endsWith('.ip6.arpa')) return 'a reverse-DNS name';
	return undefined;
}
