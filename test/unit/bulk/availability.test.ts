/**
 * The editor offers each operation of the Conversation, Contact, Session, Media and Bulk resources
 * only for the providers whose adapter has a handler for it, and their fields only there.
 */
import type { INodeProperties } from 'n8n-workflow';

import { WhatsAppGateway } from '../../../nodes/WhatsAppGateway/WhatsAppGateway.node';

const properties = new WhatsAppGateway().description.properties;

function operationsOf(provider: string, resource: string): string[] {
	const property = properties.find(
		(p) =>
			p.name === 'operation' &&
			p.displayOptions?.show?.provider?.includes(provider) &&
			p.displayOptions?.show?.resource?.includes(resource),
	);
	return (property?.options ?? []).map((o) => String((o as { value: string }).value)).sort();
}

function resourcesOf(provider: string): string[] {
	const property = properties.find((p) => p.name === 'resource' && p.displayOptions?.show?.provider?.includes(provider));
	return (property?.options ?? []).map((o) => String((o as { value: string }).value));
}

test.each([
	['decisionTelecom', []],
	['innova', []],
	['seven', ['conversation']],
	['whaapy', ['conversation', 'media']],
	['engine', ['bulk', 'contact', 'session']],
])('%s offers these of our resources: %p', (provider, expected) => {
	const ours = ['bulk', 'contact', 'conversation', 'media', 'session'];
	expect(resourcesOf(provider as string).filter((r) => ours.includes(r))).toEqual(expected);
});

test('operations per provider', () => {
	expect(operationsOf('seven', 'conversation')).toEqual(['markAsRead', 'react', 'typingIndicator']);
	expect(operationsOf('whaapy', 'conversation')).toEqual(['markAsRead', 'react']);
	expect(operationsOf('whaapy', 'media')).toEqual(['upload']);
	expect(operationsOf('engine', 'contact')).toEqual(['check', 'checkBulk', 'getInfo']);
	expect(operationsOf('engine', 'session')).toEqual(['getProfile', 'getQrCode', 'getQrImage', 'getStatus', 'logout', 'restart']);
	expect(operationsOf('engine', 'bulk')).toEqual(['send']);
});

test('resources are sorted by name', () => {
	const names = (properties.find((p) => p.name === 'resource' && p.displayOptions?.show?.provider?.includes('engine'))?.options ?? []).map(
		(o) => (o as { name: string }).name,
	);
	expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
});

test('provider-specific conversation fields are shown for their provider only', () => {
	const shownFor = (name: string, operation: string) =>
		properties
			.filter((p: INodeProperties) => p.name === name && p.displayOptions?.show?.resource?.includes('conversation') && p.displayOptions?.show?.operation?.includes(operation))
			.flatMap((p) => (p.displayOptions?.show?.provider ?? []) as string[])
			.sort();
	expect(shownFor('sevenFrom', 'markAsRead')).toEqual(['seven']);
	expect(shownFor('messageId', 'typingIndicator')).toEqual(['seven']);
	expect(shownFor('conversationId', 'markAsRead')).toEqual(['whaapy']);
	expect(shownFor('to', 'react')).toEqual(['whaapy']);
	expect(shownFor('to', 'markAsRead')).toEqual(['seven', 'whaapy']);
	expect(shownFor('messageId', 'react')).toEqual(['seven', 'whaapy']);
});
