/**
 * Every provider × message type against the project's provider emulator (sandbox/, built from the
 * same documents, strict about fields and formats): each send must be accepted, binary → upload →
 * send must pass its multipart parser, and Retry / Delete Scheduled / Get Status must work end to end.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../../helpers/workflow';
import { binaryItem } from './helpers';

const { startSandbox } = require('../../../sandbox/server') as {
	startSandbox: (o: IDataObject) => Promise<{ url: string; close: () => Promise<void> }>;
};

let sandbox: { url: string; close: () => Promise<void> };

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, latencyMs: 0 });
});

afterAll(async () => {
	await sandbox?.close();
});

const credentials = () => ({
	whatsAppGatewayInnovaApi: { baseUrl: `${sandbox.url}/innova`, apiKey: 'sandbox-innova-key' },
	whatsAppGatewaySevenApi: { apiKey: 'sandbox-seven-key', baseUrl: `${sandbox.url}/seven` },
	whatsAppGatewayWhaapyApi: { apiKey: 'wha_sandboxkey000000000000', baseUrl: `${sandbox.url}/whaapy` },
	whatsAppGatewayEngineApi: { baseUrl: `${sandbox.url}/engine`, apiKey: 'sandbox-engine-key' },
	whatsAppGatewayDecisionTelecomApi: { accessKey: 'sandbox-decision-key', keyIsBase64: false, baseUrl: `${sandbox.url}/decision` },
});

async function run(parameters: IDataObject, items?: INodeExecutionData[]) {
	const result = await runNode({ parameters: { resource: 'message', operation: 'send', ...parameters }, items, credentials: credentials() });
	if (result.error) throw new Error(`${result.error.message} — ${result.error.description ?? ''}`);
	return result.output?.[0].json as IDataObject;
}

async function requests(provider: string): Promise<Array<{ method: string; path: string; status: number; json: IDataObject; rawBody: unknown }>> {
	const response = await fetch(`${sandbox.url}/__sandbox/requests?provider=${provider}`);
	const body = (await response.json()) as unknown;
	return (Array.isArray(body) ? body : ((body as IDataObject).requests as never[])) ?? [];
}

const url = (name: string) => `https://files.example.com/${name}`;
const contacts = { contact: [{ firstName: 'Ana', lastName: 'López', phones: { phone: [{ number: '+34612345678', type: 'cell' }] } }] };
const buttons = { button: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] };
const sections = { section: [{ title: 'Menu', rows: { row: [{ id: 'a', title: 'Alpha', description: 'First' }, { id: 'b', title: 'Beta' }] } }] };
const template = { templateName: 'order_update', templateLanguage: 'es', templateParameters: { body: [{ text: 'Juan' }, { text: '#1234' }] } };

const CASES: Array<[string, string, IDataObject]> = [
	['innova', 'text', { text: 'Hola' }],
	['innova', 'image', { mediaUrl: url('a.jpg'), caption: 'Foto' }],
	['innova', 'video', { mediaUrl: url('v.mp4'), caption: 'Video' }],
	['innova', 'audio', { mediaUrl: url('a.mp3') }],
	['innova', 'document', { mediaUrl: url('d.pdf') }],
	['innova', 'location', { latitude: 4.711, longitude: -74.0086, locationName: 'Bogotá' }],
	['seven', 'text', { text: 'Hallo' }],
	['seven', 'image', { mediaUrl: url('a.jpg'), caption: 'Foto' }],
	['seven', 'video', { mediaUrl: url('v.mp4') }],
	['seven', 'audio', { mediaUrl: url('a.mp3') }],
	['seven', 'document', { mediaUrl: url('rechnung.pdf') }],
	['seven', 'sticker', { mediaUrl: url('s.webp') }],
	['seven', 'location', { latitude: 48.8566, longitude: 2.3522, locationName: 'Eiffel', locationAddress: 'Paris' }],
	['seven', 'contacts', { contacts }],
	['seven', 'buttons', { interactiveBody: 'Pick', buttons }],
	['seven', 'list', { interactiveBody: 'Pick', listButtonText: 'Open', sections }],
	['seven', 'template', { ...template, templateParameters: { header: [{ text: 'Hi' }], body: [{ text: 'Juan' }], button: [{ index: 0, subType: 'url', value: 'x1' }] } }],
	['whaapy', 'text', { text: 'Hola' }],
	['whaapy', 'image', { mediaUrl: url('a.jpg'), caption: 'Foto' }],
	['whaapy', 'video', { mediaUrl: url('v.mp4') }],
	['whaapy', 'audio', { mediaUrl: url('a.ogg'), voiceNote: true }],
	['whaapy', 'document', { mediaUrl: url('d.pdf'), fileName: 'd.pdf', caption: 'Doc' }],
	['whaapy', 'sticker', { mediaUrl: url('s.webp') }],
	['whaapy', 'location', { latitude: 19.43, longitude: -99.13, locationName: 'Zócalo', locationAddress: 'CDMX' }],
	['whaapy', 'contacts', { contacts }],
	['whaapy', 'buttons', { interactiveBody: 'Pick', buttons, options: { replyTo: 'wamid.X1' } }],
	['whaapy', 'list', { interactiveBody: 'Pick', listButtonText: 'Open', sections }],
	['whaapy', 'template', { ...template, templateParameters: { headerMedia: [{ type: 'image', url: url('h.jpg') }], body: [{ text: 'Juan' }], button: [{ index: 0, subType: 'quick_reply', value: 'OK' }] } }],
	['whaapy', 'metaJson', { metaJson: '{"type":"interactive","interactive":{"type":"cta_url","body":{"text":"Web"},"action":{"name":"cta_url","parameters":{"display_text":"Open","url":"https://n8n.io"}}}}' }],
	['engine', 'text', { text: 'Hola' }],
	['engine', 'image', { mediaUrl: url('a.jpg'), caption: 'Foto' }],
	['engine', 'document', { mediaUrl: url('d.pdf'), fileName: 'd.pdf' }],
	['decisionTelecom', 'text', { text: 'Hello', options: { callbackUrl: 'https://example.com/cb' } }],
	['decisionTelecom', 'image', { mediaUrl: url('a.png'), caption: 'Pic' }],
	['decisionTelecom', 'template', { ...template, templateParameters: { headerMedia: [{ type: 'image', url: url('h.jpg') }], body: [{ text: 'Ana' }] } }],
];

const extras: Record<string, IDataObject> = {
	seven: { sevenFrom: '4915112345678', to: '+4917612345678' },
	whaapy: { to: '+52 1 55 1234 5678' },
	innova: { to: '+57 300 123 4567' },
	engine: { to: '+57 300 123 4567' },
	decisionTelecom: { to: '+380 63 123 4567', decisionSourceAddr: 'Custom Company' },
};

describe('every provider × type is accepted by the emulator', () => {
	test.each(CASES)('%s %s', async (provider, messageType, parameters) => {
		const json = await run({ provider, messageType, ...extras[provider], ...parameters });
		expect(json).toMatchObject({ provider, type: messageType });
		expect(json.providerResponse).toBeDefined();
		if (provider !== 'innova') expect(json.messageId).toEqual(expect.any(String));
	});
});

describe('binary media through the emulator', () => {
	test('Whaapy: binary image → POST /media/v1 (multipart) → send by media id', async () => {
		const json = await run({ provider: 'whaapy', messageType: 'image', mediaSource: 'binary', caption: 'Up', ...extras.whaapy }, [binaryItem(Buffer.from('jpeg-bytes'), 'image/jpeg', 'photo.jpg')]);
		expect(json.mediaId).toMatch(/^media_/);
		const log = await requests('whaapy');
		const upload = log.filter((r) => r.path === '/media/v1').pop();
		expect(upload?.status).toBe(200);
		expect(upload?.rawBody).toMatchObject({ fields: { type: 'image' }, files: [{ name: 'file', filename: 'photo.jpg', contentType: 'image/jpeg', size: 10 }] });
		const send = log.filter((r) => r.path === '/messages/v1').pop();
		expect(send?.json).toEqual({ to: '+5215512345678', type: 'image', image: { id: json.mediaId, caption: 'Up' } });
	});

	test('Engine: binary image → base64 + mimetype', async () => {
		const file = Buffer.from('png-bytes');
		await run({ provider: 'engine', messageType: 'image', mediaSource: 'binary', ...extras.engine }, [binaryItem(file, 'image/png', 'a.png')]);
		const send = (await requests('engine')).filter((r) => r.path === '/api/messages/send-image').pop();
		expect(send?.status).toBe(200);
		expect(send?.json).toEqual({ phone: '573001234567', base64: file.toString('base64'), mimetype: 'image/png' });
	});
});

describe('other Message operations through the emulator', () => {
	test('Whaapy: a message failed by the 24-hour window can be retried', async () => {
		const failed = await runNode({
			parameters: { provider: 'whaapy', resource: 'message', operation: 'send', messageType: 'text', text: 'Hola', to: '+52 55 1230 000047' },
			credentials: credentials(),
		});
		expect(failed.error?.context?.kind).toBe('window24h');
		const id = ((failed.error?.context?.response as IDataObject)?.data as IDataObject)?.id as string;
		expect(id).toEqual(expect.any(String));
		const retried = await runNode({ parameters: { provider: 'whaapy', resource: 'message', operation: 'retry', messageId: id }, credentials: credentials() });
		expect(retried.error).toBeUndefined();
		expect(retried.output?.[0].json).toMatchObject({ provider: 'whaapy', messageId: id, status: 'sent', retried: true, to: '+52551230000047' });
		const again = await runNode({ parameters: { provider: 'whaapy', resource: 'message', operation: 'retry', messageId: id }, credentials: credentials() });
		expect(again.error?.message).toMatch(/^Whaapy: /);
		expect(again.error?.context?.httpStatus).toBe(400);
	});

	test('seven: schedule with Send At, delete it, and deleting again is "not found" or "already sent"', async () => {
		const future = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
		const sent = await run({ provider: 'seven', messageType: 'text', text: 'Later', options: { delay: future }, ...extras.seven });
		const del = await runNode({ parameters: { provider: 'seven', resource: 'message', operation: 'deleteScheduled', messageId: sent.messageId }, credentials: credentials() });
		expect(del.error).toBeUndefined();
		expect(del.output?.[0].json).toMatchObject({ provider: 'seven', deleted: true });
		const missing = await runNode({ parameters: { provider: 'seven', resource: 'message', operation: 'deleteScheduled', messageId: '1' }, credentials: credentials() });
		expect(missing.error?.message).toBe('seven.io: Message not found');
		const now = await run({ provider: 'seven', messageType: 'text', text: 'Now', ...extras.seven });
		const late = await runNode({ parameters: { provider: 'seven', resource: 'message', operation: 'deleteScheduled', messageId: now.messageId }, credentials: credentials() });
		expect(late.error?.message).toBe('seven.io: The message was already sent and can no longer be deleted');
	});

	test('DecisionTelecom: Get Status of a sent message', async () => {
		const sent = await run({ provider: 'decisionTelecom', messageType: 'text', text: 'Hi', ...extras.decisionTelecom, to: '+380 63 000 0007' });
		const status = await runNode({ parameters: { provider: 'decisionTelecom', resource: 'message', operation: 'getStatus', messageId: sent.messageId }, credentials: credentials() });
		expect(status.error).toBeUndefined();
		expect(status.output?.[0].json).toMatchObject({ provider: 'decisionTelecom', messageId: sent.messageId, status: 'seen', statusCode: 7 });
	});
});
