import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type {
	AdapterContext,
	ContactCard,
	InteractiveContent,
	MediaInput,
	MediaSource,
	MessageType,
	MessageTypeSupport,
	OutboundMessage,
	ProviderAdapter,
	TemplateContent,
} from '../../providers/types';
import {
	cleanMimeType,
	extensionOf,
	fileNameFromUrl,
	formatBytes,
	isHttpUrl,
	MIME_BY_EXTENSION,
	readBinaryFile,
} from '../../helpers/binary';
import { requiredText } from '../../helpers/validation';
import { MEDIA_TYPES } from './fields';
import { locatorValue } from '../fields';
import { parseTemplateValue } from '../../providers/templateValue';

/** WhatsApp's limits for interactive messages (Meta Cloud API; seven.io and Whaapy pass them on). */
export const LIMITS = {
	caption: 1024,
	interactiveBody: 1024,
	interactiveHeader: 60,
	interactiveFooter: 60,
	buttonTitle: 20,
	buttonId: 256,
	listButtonText: 20,
	sections: 10,
	rows: 10,
	sectionTitle: 24,
	rowTitle: 24,
	rowDescription: 72,
	rowId: 200,
};

/** `en`, `es`, `fil`, `en_US`, `es_MX`, `pt_BR` (WhatsApp template language codes). */
const LANGUAGE_CODE = /^[a-z]{2,3}(_[A-Z]{2})?$/;

const length = (value: string) => [...value].length;

/** Optional text: trimmed-empty → undefined; objects are rejected; longer than `max` fails. */
function optionalText(
	ctx: AdapterContext,
	paramName: string,
	field: string,
	max?: number,
): string | undefined {
	const value = ctx.param<unknown>(paramName, '');
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'object') return ctx.fail(field, `${field} must be text`);
	const text = String(value);
	if (text.trim() === '') return undefined;
	if (max !== undefined && length(text) > max) {
		return ctx.fail(
			field,
			`${field} is too long: ${length(text)} characters, at most ${max} are allowed`,
		);
	}
	return text;
}

/** Checks a string value from a fixedCollection (required and/or limited length). */
function checkPart(
	ctx: AdapterContext,
	value: unknown,
	field: string,
	options: { required?: boolean; max?: number },
): string | undefined {
	const text = value === undefined || value === null ? '' : String(value);
	if (text.trim() === '') {
		if (options.required)
			return ctx.fail(field, `${field} is empty`, `Enter a value for ${field}.`);
		return undefined;
	}
	if (options.max !== undefined && length(text) > options.max) {
		return ctx.fail(
			field,
			`${field} is too long: ${length(text)} characters, at most ${options.max} are allowed`,
		);
	}
	return text;
}

/** Entries of a fixedCollection with multiple values (`{ key: [...] }`), tolerating a single object. */
function entries(value: unknown, key: string): IDataObject[] {
	if (!value || typeof value !== 'object') return [];
	const list = (value as IDataObject)[key];
	if (Array.isArray(list))
		return list.filter((e): e is IDataObject => !!e && typeof e === 'object');
	if (list && typeof list === 'object') return [list as IDataObject];
	return [];
}

/**
 * Reads and validates the content fields of the chosen message type into an OutboundMessage.
 * Everything is checked here, before the adapter sends any request; each failure names the item and
 * the field (ctx.fail).
 */
export async function readMessage(
	this: IExecuteFunctions,
	ctx: AdapterContext,
	adapter: ProviderAdapter,
	type: MessageType,
	to: string,
): Promise<OutboundMessage> {
	const support: MessageTypeSupport = adapter.messageTypes[type] ?? {};
	const message: OutboundMessage = { to, type };
	if (type === 'text') {
		message.text = requiredText(ctx, 'text', 'Text', adapter.maxTextLength);
	} else if (MEDIA_TYPES.includes(type)) {
		await readMedia.call(this, ctx, adapter, type, support, message);
	} else if (type === 'location') {
		message.location = readLocation(ctx, support);
	} else if (type === 'contacts') {
		message.contacts = readContacts(ctx);
	} else if (type === 'buttons') {
		message.interactive = readButtons(ctx, adapter, support);
	} else if (type === 'list') {
		message.interactive = readList(ctx, support);
	} else if (type === 'template') {
		message.template = readTemplate(ctx, adapter, support);
	} else if (type === 'metaJson') {
		message.rawPayload = readMetaJson(ctx);
	}
	return message;
}

async function readMedia(
	this: IExecuteFunctions,
	ctx: AdapterContext,
	adapter: ProviderAdapter,
	type: MessageType,
	support: MessageTypeSupport,
	message: OutboundMessage,
): Promise<void> {
	const sources = support.mediaSources ?? ['url'];
	const source = String(ctx.param<string>('mediaSource', 'url') || 'url') as MediaSource;
	if (!sources.includes(source)) {
		const what =
			source === 'binary'
				? 'a binary file'
				: source === 'mediaId'
					? 'an uploaded media ID'
					: `"${source}"`;
		ctx.fail(
			'Media Source',
			`${adapter.name} cannot send ${type} from ${what}; it accepts ${sources.map((s) => (s === 'url' ? 'a public URL' : s === 'binary' ? 'a binary file' : 'a media ID')).join(' or ')}`,
			sources.length === 1 && sources[0] === 'url'
				? `Put the file where ${adapter.name} can download it (a public http(s) link) and set Media Source to URL.`
				: `Set Media Source to one of: ${sources.join(', ')}.`,
		);
	}
	const media: MediaInput = { source };
	const allowed = support.extensions;
	const formats = allowed?.map((e) => `.${e}`).join(', ');

	if (source === 'url') {
		const url = requiredText(ctx, 'mediaUrl', 'Media URL').trim();
		if (!isHttpUrl(url)) {
			ctx.fail(
				'Media URL',
				`Media URL is not a valid http(s) URL: "${url.slice(0, 100)}"`,
				'Enter a full public link, e.g. https://example.com/photo.jpg.',
			);
		}
		// Assumption: a URL without a file extension (CDN links, signed URLs) is allowed unless the
		// provider needs it (DecisionTelecom documents it; the Engine takes the type from it); a wrong
		// extension never is.
		const ext = extensionOf(url);
		if (!ext && support.extensionRequired && !allowed) {
			ctx.fail(
				'Media URL',
				`${adapter.name} needs ${type} URLs that end in a file extension; this URL has none`,
				'The provider takes the file type from the extension at the end of the URL path (…/photo.jpg, …/file.pdf). Link the file by such a URL, or send it as binary data.',
			);
		}
		if (allowed && ((ext && !allowed.includes(ext)) || (!ext && support.extensionRequired))) {
			ctx.fail(
				'Media URL',
				`${adapter.name} accepts ${type} URLs ending in ${formats} only${ext ? `, not .${ext}` : '; this URL has no file extension'}`,
				`Link a ${formats} file${support.extensionRequired ? ' (the URL must end with the file extension)' : ''}.`,
			);
		}
		media.url = url;
	} else if (source === 'mediaId') {
		media.mediaId = requiredText(ctx, 'mediaId', 'Media ID').trim();
	} else {
		const field = 'Input Binary Field';
		const file = await readBinaryFile(
			this,
			ctx,
			ctx.param<string>('binaryPropertyName', 'data'),
			field,
		);
		const mime =
			cleanMimeType(file.mimeType) ??
			(file.extension ? MIME_BY_EXTENSION[file.extension] : undefined);
		if (allowed) {
			const fromMime = Object.entries(MIME_BY_EXTENSION)
				.filter(([, m]) => m === mime)
				.map(([e]) => e);
			const ok =
				(file.extension && allowed.includes(file.extension)) ||
				fromMime.some((e) => allowed.includes(e));
			if (!ok)
				ctx.fail(
					field,
					`${adapter.name} accepts ${type} files of type ${formats} only, not "${file.fileName}" (${mime ?? 'unknown type'})`,
				);
		}
		if (support.mimeTypes && (!mime || !support.mimeTypes.includes(mime))) {
			ctx.fail(
				field,
				`${adapter.name} does not accept "${mime ?? 'unknown'}" files as ${type}`,
				`Accepted types: ${support.mimeTypes.join(', ')}.`,
			);
		}
		if (support.maxBytes !== undefined && file.data.length > support.maxBytes) {
			ctx.fail(
				field,
				`The file is too large for ${adapter.name} ${type}: ${formatBytes(file.data.length)} (${file.data.length} bytes), at most ${formatBytes(support.maxBytes)} are allowed`,
			);
		}
		media.data = file.data;
		media.mimeType = mime ?? file.mimeType;
		media.fileName = file.fileName;
	}

	if (support.caption) message.caption = optionalText(ctx, 'caption', 'Caption', LIMITS.caption);
	if (support.filename) {
		const name =
			optionalText(ctx, 'fileName', 'File Name')?.trim() ??
			media.fileName ??
			(media.url ? fileNameFromUrl(media.url) : undefined);
		if (!name && support.filename === 'required') {
			ctx.fail(
				'File Name',
				`${adapter.name} needs a file name for documents`,
				'Enter the name the recipient sees, e.g. invoice.pdf.',
			);
		}
		if (name) message.filename = name;
	}
	if (support.voice && ctx.param<boolean>('voiceNote', false)) media.voice = true;
	message.media = media;
}

function coordinate(ctx: AdapterContext, paramName: string, field: string, limit: number): number {
	const raw = ctx.param<unknown>(paramName, '');
	const value =
		typeof raw === 'string' ? (raw.trim() === '' ? NaN : Number(raw.trim())) : Number(raw);
	if (raw === null || raw === undefined || typeof raw === 'object' || !Number.isFinite(value)) {
		return ctx.fail(
			field,
			`${field} must be a number`,
			`Enter a ${field.toLowerCase()} in decimal degrees, e.g. ${limit === 90 ? '4.711' : '-74.0086'}.`,
		);
	}
	if (value < -limit || value > limit) {
		return ctx.fail(field, `${field} must be between -${limit} and ${limit}, not ${value}`);
	}
	return value;
}

function readLocation(
	ctx: AdapterContext,
	support: MessageTypeSupport,
): NonNullable<OutboundMessage['location']> {
	const latitude = coordinate(ctx, 'latitude', 'Latitude', 90);
	const longitude = coordinate(ctx, 'longitude', 'Longitude', 180);
	const location: NonNullable<OutboundMessage['location']> = { latitude, longitude };
	const name = optionalText(ctx, 'locationName', 'Place Name');
	if (name) location.name = name;
	if (support.address) {
		const address = optionalText(ctx, 'locationAddress', 'Address');
		if (address) location.address = address;
	}
	return location;
}

function readContacts(ctx: AdapterContext): ContactCard[] {
	const list = entries(ctx.param<unknown>('contacts', {}), 'contact');
	if (list.length === 0)
		ctx.fail(
			'Contacts',
			'No contact was given',
			'Add at least one contact with a first name and a phone number.',
		);
	return list.map((entry, i) => {
		const n = i + 1;
		const firstName = checkPart(ctx, entry.firstName, `Contacts → Contact ${n} → First Name`, {
			required: true,
		}) as string;
		const lastName = checkPart(ctx, entry.lastName, `Contacts → Contact ${n} → Last Name`, {});
		const phones = entries(entry.phones, 'phone')
			.map((p) => ({ phone: String(p.number ?? '').trim(), type: String(p.type ?? '').trim() }))
			.filter((p) => p.phone !== '');
		if (phones.length === 0) {
			ctx.fail(
				`Contacts → Contact ${n} → Phone Numbers`,
				`Contact ${n} has no phone number`,
				'Add at least one phone number to every contact.',
			);
		}
		const card: ContactCard = {
			firstName: firstName.trim(),
			phones: phones.map((p) => (p.type ? p : { phone: p.phone })),
		};
		if (lastName) card.lastName = lastName.trim();
		return card;
	});
}

function interactiveBase(ctx: AdapterContext): InteractiveContent {
	const body = requiredText(ctx, 'interactiveBody', 'Body', LIMITS.interactiveBody);
	const content: InteractiveContent = { body };
	const header = optionalText(ctx, 'interactiveHeader', 'Header', LIMITS.interactiveHeader);
	if (header) content.header = header;
	const footer = optionalText(ctx, 'interactiveFooter', 'Footer', LIMITS.interactiveFooter);
	if (footer) content.footer = footer;
	return content;
}

function readButtons(
	ctx: AdapterContext,
	adapter: ProviderAdapter,
	support: MessageTypeSupport,
): InteractiveContent {
	const content = interactiveBase(ctx);
	const { min, max } = support.buttonCount ?? { min: 1, max: 3 };
	const list = entries(ctx.param<unknown>('buttons', {}), 'button');
	if (list.length < min || list.length > max) {
		ctx.fail(
			'Buttons',
			`${adapter.name} needs ${min === max ? min : `${min} to ${max}`} buttons, not ${list.length}`,
			list.length > max
				? 'Remove buttons, or send an Interactive List for more options.'
				: 'Add buttons.',
		);
	}
	const ids = new Set<string>();
	content.buttons = list.map((entry, i) => {
		const n = i + 1;
		const title = checkPart(ctx, entry.title, `Buttons → Button ${n} → Title`, {
			required: true,
			max: LIMITS.buttonTitle,
		}) as string;
		// Assumption: an empty ID becomes button_<n>, so simple buttons need no IDs.
		const id =
			checkPart(ctx, entry.id, `Buttons → Button ${n} → ID`, { max: LIMITS.buttonId })?.trim() ||
			`button_${n}`;
		if (ids.has(id))
			ctx.fail(
				`Buttons → Button ${n} → ID`,
				`Button ID "${id}" is used twice`,
				'Give every button its own ID.',
			);
		ids.add(id);
		return { id, title };
	});
	return content;
}

function readList(ctx: AdapterContext, support: MessageTypeSupport): InteractiveContent {
	const content = interactiveBase(ctx);
	content.buttonText = requiredText(ctx, 'listButtonText', 'Button Text', LIMITS.listButtonText);
	const sections = entries(ctx.param<unknown>('sections', {}), 'section');
	if (sections.length === 0)
		ctx.fail('Sections', 'The list has no sections', 'Add a section with at least one row.');
	if (sections.length > LIMITS.sections)
		ctx.fail(
			'Sections',
			`A list can have at most ${LIMITS.sections} sections, not ${sections.length}`,
		);
	const ids = new Set<string>();
	let rowNumber = 0;
	content.sections = sections.map((entry, i) => {
		const s = i + 1;
		const titleRequired = support.sectionTitleRequired === true || sections.length > 1;
		const title = checkPart(ctx, entry.title, `Sections → Section ${s} → Title`, {
			required: titleRequired,
			max: LIMITS.sectionTitle,
		});
		const rows = entries(entry.rows, 'row');
		if (rows.length === 0)
			ctx.fail(
				`Sections → Section ${s} → Rows`,
				`Section ${s} has no rows`,
				'Add at least one row to every section.',
			);
		const section: NonNullable<InteractiveContent['sections']>[number] = {
			rows: rows.map((row, j) => {
				rowNumber++;
				const r = `Sections → Section ${s} → Row ${j + 1}`;
				const rowTitle = checkPart(ctx, row.title, `${r} → Title`, {
					required: true,
					max: LIMITS.rowTitle,
				}) as string;
				const description = checkPart(ctx, row.description, `${r} → Description`, {
					max: LIMITS.rowDescription,
				});
				// Assumption: an empty ID becomes row_<n> (numbered across the whole list).
				const id =
					checkPart(ctx, row.id, `${r} → ID`, { max: LIMITS.rowId })?.trim() || `row_${rowNumber}`;
				if (ids.has(id))
					ctx.fail(`${r} → ID`, `Row ID "${id}" is used twice`, 'Give every row its own ID.');
				ids.add(id);
				return description ? { id, title: rowTitle, description } : { id, title: rowTitle };
			}),
		};
		if (title) section.title = title;
		return section;
	});
	if (rowNumber > LIMITS.rows) {
		ctx.fail(
			'Sections',
			`A list can have at most ${LIMITS.rows} rows in total, not ${rowNumber}`,
			'Remove rows or split the options over several messages.',
		);
	}
	return content;
}

/** Normalizes "en-us" / "EN_us" to "en_US" and checks it looks like a WhatsApp language code. */
export function languageCode(ctx: AdapterContext, raw: unknown): string {
	const text = String(raw ?? '').trim();
	if (!text)
		return ctx.fail(
			'Language Code',
			'Language Code is empty',
			'Enter the template language, e.g. en, es or en_US.',
		);
	const [lang, region, ...rest] = text.split(/[-_]/);
	const code = rest.length
		? text
		: `${lang.toLowerCase()}${region !== undefined ? `_${region.toUpperCase()}` : ''}`;
	if (!LANGUAGE_CODE.test(code)) {
		return ctx.fail(
			'Language Code',
			`"${text}" is not a WhatsApp template language code`,
			'Use the code the template was approved with: a language (en, es, de, pt) optionally followed by _ and a country (en_US, es_MX, pt_BR).',
		);
	}
	return code;
}

function readTemplate(
	ctx: AdapterContext,
	adapter: ProviderAdapter,
	support: MessageTypeSupport,
): TemplateContent {
	const listed = adapter.lists?.templates !== undefined;
	const field = listed ? 'Template' : 'Template Name';
	const raw = ctx.param<unknown>('templateName', '');
	// A template picked from the list reads "name (language)"; typed or mapped names are plain.
	const picked = parseTemplateValue(locatorValue(raw));
	const name = picked.name;
	if (!name) {
		ctx.fail(
			field,
			`${field} is empty`,
			'Pick the template from the list or enter its exact name.',
		);
	}
	if (typeof raw === 'object' && raw !== null && !('__rl' in raw)) {
		ctx.fail(
			field,
			`${field} must be text`,
			'Enter the exact template name, e.g. order_confirmation.',
		);
	}
	if (/\s/.test(name)) {
		ctx.fail(
			field,
			`Template names have no spaces: "${name}"`,
			'Use the exact template name, e.g. order_confirmation.',
		);
	}
	// A Language Code typed in the node wins over the language of the picked template.
	const typedLanguage = ctx.param<unknown>('templateLanguage', '');
	const language =
		(typedLanguage === '' || typedLanguage === undefined || typedLanguage === null) &&
		picked.language
			? picked.language
			: typedLanguage;
	if (language === '' || language === undefined || language === null) {
		ctx.fail(
			'Language Code',
			'Language Code is empty',
			'Pick the template from the list (it brings its language), or enter the code the template was approved with, e.g. es_MX.',
		);
	}
	const template: TemplateContent = {
		name,
		language: languageCode(ctx, language),
	};
	const params = ctx.param<unknown>('templateParameters', {});
	const body = entries(params, 'body').map(
		(e, i) =>
			checkPart(ctx, e.text, `Parameters → Body Parameter ${i + 1}`, { required: true }) as string,
	);
	const header = entries(params, 'header').map(
		(e, i) =>
			checkPart(ctx, e.text, `Parameters → Header Text Parameter ${i + 1}`, {
				required: true,
			}) as string,
	);
	const headerMedia = entries(params, 'headerMedia');
	const buttons = entries(params, 'button');
	if (body.length) template.body = body;
	if (header.length) template.header = header;
	if (headerMedia.length > 1)
		ctx.fail(
			'Parameters → Header Media',
			'A template has one header: give at most one Header Media',
		);
	if (headerMedia.length && header.length) {
		ctx.fail(
			'Parameters → Header Media',
			'A template header is either text or media, not both',
			'Remove the Header Text Parameters or the Header Media.',
		);
	}
	if (headerMedia.length) {
		const type = String(headerMedia[0].type ?? 'image') as 'image' | 'video' | 'document';
		const allowed = support.headerMediaTypes ?? [];
		if (!allowed.includes(type)) {
			ctx.fail(
				'Parameters → Header Media → Type',
				`${adapter.name} cannot fill a ${type} template header`,
				allowed.length
					? `${adapter.name} supports ${allowed.join(', ')} headers.`
					: `${adapter.name} supports text headers only.`,
			);
		}
		const url = String(headerMedia[0].url ?? '').trim();
		if (!isHttpUrl(url))
			ctx.fail(
				'Parameters → Header Media → URL',
				`Header media URL is not a valid http(s) URL: "${url.slice(0, 100)}"`,
			);
		template.headerMedia = { type, url };
	}
	if (buttons.length) {
		const allowed = support.buttonSubTypes ?? [];
		const seen = new Set<number>();
		template.buttons = buttons
			.map((e, i) => {
				const f = `Parameters → Button Parameter ${i + 1}`;
				const subType = String(e.subType ?? 'url') as 'url' | 'quick_reply';
				if (!allowed.includes(subType)) {
					ctx.fail(
						`${f} → Kind`,
						`${adapter.name} cannot fill ${subType === 'url' ? 'URL' : 'quick reply'} template buttons`,
						allowed.length ? `${adapter.name} supports: ${allowed.join(', ')}.` : undefined,
					);
				}
				const index = Number(e.index ?? 0);
				if (!Number.isInteger(index) || index < 0 || index > 9)
					ctx.fail(`${f} → Button Index`, 'Button Index must be a whole number from 0 to 9');
				if (seen.has(index))
					ctx.fail(
						`${f} → Button Index`,
						`Button ${index} has two parameters`,
						'Give each template button one parameter.',
					);
				seen.add(index);
				const value = checkPart(ctx, e.value, `${f} → Value`, { required: true }) as string;
				return { subType, index, value };
			})
			.sort((a, b) => a.index - b.index);
	}
	return template;
}

function readMetaJson(ctx: AdapterContext): IDataObject {
	const raw = ctx.param<unknown>('metaJson', '');
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '')
			return ctx.fail(
				'Message JSON',
				'Message JSON is empty',
				'Enter a WhatsApp Cloud API message object.',
			);
		try {
			value = JSON.parse(raw);
		} catch (error) {
			return ctx.fail(
				'Message JSON',
				`Message JSON is not valid JSON: ${(error as Error).message}`,
				'Check quotes, commas and brackets, e.g. {"type": "text", "text": {"body": "Hi"}}.',
			);
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		return ctx.fail(
			'Message JSON',
			'Message JSON must be a JSON object',
			'Enter an object such as {"type": "text", "text": {"body": "Hi"}}.',
		);
	}
	const payload = value as IDataObject;
	if (payload.type !== undefined && typeof payload.type !== 'string') {
		return ctx.fail(
			'Message JSON',
			'The "type" of Message JSON must be a string such as "text" or "interactive"',
		);
	}
	return payload;
}
