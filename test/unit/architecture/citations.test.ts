/**
 * Code cites the provider reference in the repository (docs/providers/<provider>.md, with the public
 * source of each fact), never documents outside it; every cited page and section exists.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..', '..');
const SCANNED = ['nodes', 'credentials', 'sandbox', 'scripts', 'test', 'examples', 'README.md', 'CONTRIBUTING.md'];

function files(path: string): string[] {
	const full = join(ROOT, path);
	if (statSync(full).isFile()) return [path];
	return readdirSync(full)
		.filter((name) => name !== 'node_modules' && !name.startsWith('.'))
		.flatMap((name) => files(join(path, name)));
}

const texts = SCANNED.flatMap(files)
	.filter((file) => /\.(ts|js|mjs|md|json)$/.test(file) && !file.endsWith('citations.test.ts'))
	.map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));

/** GitHub's anchor of a Markdown heading. */
function slug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');
}

test('no citation of documents outside the repository (the seeds, providers.md)', () => {
	const outside = texts.flatMap(({ file, text }) =>
		[...text.matchAll(/seed 00\d|seed docs|(?<!docs\/)providers\.md/gi)].map((m) => `${file}: ${m[0]}`),
	);
	expect(outside).toEqual([]);
});

test('every cited docs/providers page and section exists', () => {
	const cited = new Set(texts.flatMap(({ text }) => [...text.matchAll(/docs\/providers\/([A-Za-z]+\.md)(#[a-z0-9-]+)?/g)].map((m) => m[1] + (m[2] ?? ''))));
	expect(cited.size).toBeGreaterThan(20);
	const missing: string[] = [];
	for (const citation of cited) {
		const [page, anchor] = citation.split('#');
		let markdown: string;
		try {
			markdown = readFileSync(join(ROOT, 'docs', 'providers', page), 'utf8');
		} catch {
			missing.push(citation);
			continue;
		}
		const anchors = [...markdown.matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1]));
		if (anchor && !anchors.includes(anchor)) missing.push(citation);
	}
	expect(missing).toEqual([]);
});
