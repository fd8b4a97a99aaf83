/**
 * Imports point one way: node shells → actions/trigger → providers → transport → helpers (vendor/ is
 * part of helpers), and nothing imports credentials/. No import cycles. The graph is read from the
 * source files themselves, so a wrong import fails here before review.
 */
import { join } from 'path';

import { cycles, importGraph, layerOf, upwardImports } from '../../helpers/importGraph';

const ROOT = join(__dirname, '..', '..', '..');
const graph = importGraph(ROOT);

test('the graph is read: every layer has files and the shells import the actions', () => {
	const layers = new Set([...graph.keys()].map(layerOf));
	expect([...layers].sort()).toEqual(
		['actions/trigger', 'credentials', 'helpers', 'providers', 'shell', 'transport'].sort(),
	);
	expect(graph.get('nodes/WhatsAppGateway/WhatsAppGateway.node.ts')).toContain(
		'nodes/WhatsAppGateway/actions/router.ts',
	);
});

test('no import points up a layer', () => {
	expect(upwardImports(graph)).toEqual([]);
});

test('no import cycles', () => {
	expect(cycles(graph)).toEqual([]);
});

test('the checks catch what they are meant to catch', () => {
	const bad = new Map<string, string[]>([
		['nodes/WhatsAppGateway/transport/request.ts', ['nodes/WhatsAppGateway/providers/types.ts']],
		['nodes/WhatsAppGateway/providers/types.ts', ['nodes/WhatsAppGateway/transport/request.ts']],
		['nodes/WhatsAppGateway/helpers/phone.ts', ['credentials/X.credentials.ts']],
	]);
	expect(upwardImports(bad)).toEqual([
		'nodes/WhatsAppGateway/transport/request.ts → nodes/WhatsAppGateway/providers/types.ts',
		'nodes/WhatsAppGateway/helpers/phone.ts → credentials/X.credentials.ts',
	]);
	expect(cycles(bad)).toEqual([
		['nodes/WhatsAppGateway/providers/types.ts', 'nodes/WhatsAppGateway/transport/request.ts'],
	]);
});
