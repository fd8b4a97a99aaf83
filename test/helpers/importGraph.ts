/**
 * The import graph of the shipped code (nodes/, credentials/): which file imports which, the layer
 * of each file, imports that point the wrong way, and import cycles. Used by
 * test/unit/architecture/imports.test.ts; `npx ts-node`-free: plain fs and regular expressions.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

/** Layers from the top (may import everything below) to the bottom (imports nothing of ours). */
export const LAYERS = ['shell', 'actions/trigger', 'providers', 'transport', 'helpers'] as const;
export type Layer = (typeof LAYERS)[number];

export function layerOf(file: string): Layer | 'credentials' {
	if (file.startsWith('credentials/')) return 'credentials';
	const inNode = file.replace(/^nodes\/WhatsAppGateway\//, '');
	const top = inNode.split('/')[0];
	if (!inNode.includes('/')) return 'shell';
	if (top === 'actions' || top === 'trigger') return 'actions/trigger';
	if (top === 'providers') return 'providers';
	if (top === 'transport') return 'transport';
	return 'helpers'; // helpers/, vendor/
}

function sourceFiles(root: string, dir: string): string[] {
	const out: string[] = [];
	for (const name of readdirSync(join(root, dir))) {
		const path = join(dir, name);
		if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(root, path));
		else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
	}
	return out;
}

/** file → the files of ours it imports (type-only imports included: they are dependencies too). */
export function importGraph(root: string, dirs = ['nodes', 'credentials']): Map<string, string[]> {
	const files = dirs.flatMap((dir) => sourceFiles(root, dir));
	const known = new Set(files);
	const graph = new Map<string, string[]>();
	for (const file of files) {
		const text = readFileSync(join(root, file), 'utf8');
		const targets: string[] = [];
		for (const match of text.matchAll(/(?:import|export)[^'";]*?from\s+'(\.[^']*)'/g)) {
			const base = relative(root, resolve(root, dirname(file), match[1]));
			const target = [`${base}.ts`, `${base}/index.ts`].find((t) => known.has(t));
			if (target && !targets.includes(target)) targets.push(target);
		}
		graph.set(file, targets);
	}
	return graph;
}

/** Imports from a lower layer into a higher one (or from shipped code into credentials). */
export function upwardImports(graph: Map<string, string[]>): string[] {
	const rank = (layer: Layer | 'credentials') =>
		layer === 'credentials' ? -1 : LAYERS.indexOf(layer);
	const wrong: string[] = [];
	for (const [file, targets] of graph) {
		for (const target of targets) {
			const from = layerOf(file);
			const to = layerOf(target);
			if (to === 'credentials' && from !== 'credentials') wrong.push(`${file} → ${target}`);
			else if (from !== 'credentials' && rank(to) < rank(from)) wrong.push(`${file} → ${target}`);
		}
	}
	return wrong;
}

/** Strongly connected components with more than one file (Tarjan): each is one import cycle. */
export function cycles(graph: Map<string, string[]>): string[][] {
	let index = 0;
	const indexes = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	const visit = (node: string) => {
		indexes.set(node, index);
		low.set(node, index);
		index++;
		stack.push(node);
		onStack.add(node);
		for (const next of graph.get(node) ?? []) {
			if (!indexes.has(next)) {
				visit(next);
				low.set(node, Math.min(low.get(node)!, low.get(next)!));
			} else if (onStack.has(next)) {
				low.set(node, Math.min(low.get(node)!, indexes.get(next)!));
			}
		}
		if (low.get(node) === indexes.get(node)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== node);
			if (component.length > 1) found.push(component.sort());
		}
	};
	for (const node of graph.keys()) if (!indexes.has(node)) visit(node);
	return found;
}
