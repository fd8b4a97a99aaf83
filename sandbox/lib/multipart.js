'use strict';
/* multipart/form-data parser for a fully buffered body. */
const crypto = require('crypto');

function boundaryOf(contentType) {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
	return m ? (m[1] || m[2]).trim() : null;
}

function parseHeaders(text) {
	const headers = {};
	for (const line of text.split('\r\n')) {
		const i = line.indexOf(':');
		if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
	}
	return headers;
}

function dispositionParam(disp, name) {
	const re = new RegExp(`(?:^|;)\\s*${name}\\*?=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
	const m = re.exec(disp || '');
	if (!m) return undefined;
	let v = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2].trim();
	if (/^utf-8''/i.test(v)) v = decodeURIComponent(v.slice(7));
	return v;
}

/**
 * Returns { fields: {name: string}, files: [{name, filename, contentType, size, sha256, data}] }
 * or throws Error('...') on a malformed body.
 */
function parseMultipart(body, contentType) {
	const boundary = boundaryOf(contentType);
	if (!boundary) throw new Error('multipart boundary missing');
	const delim = Buffer.from(`--${boundary}`);
	const fields = {};
	const files = [];
	let pos = body.indexOf(delim);
	if (pos < 0) throw new Error('multipart boundary not found in body');
	let guard = 0;
	while (guard++ < 10000) {
		pos += delim.length;
		if (body.slice(pos, pos + 2).toString() === '--') break; // closing delimiter
		if (body.slice(pos, pos + 2).toString() === '\r\n') pos += 2;
		const headEnd = body.indexOf('\r\n\r\n', pos);
		if (headEnd < 0) throw new Error('malformed multipart part headers');
		const headers = parseHeaders(body.slice(pos, headEnd).toString('utf8'));
		const dataStart = headEnd + 4;
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delim]), dataStart);
		if (next < 0) throw new Error('multipart closing boundary missing');
		const data = body.slice(dataStart, next);
		const disp = headers['content-disposition'] || '';
		const name = dispositionParam(disp, 'name');
		const filename = dispositionParam(disp, 'filename');
		if (filename !== undefined) {
			files.push({
				name,
				filename,
				contentType: headers['content-type'] || null,
				size: data.length,
				sha256: crypto.createHash('sha256').update(data).digest('hex'),
				data,
			});
		} else if (name !== undefined) {
			fields[name] = data.toString('utf8');
		}
		pos = next + 2;
	}
	return { fields, files };
}

module.exports = { parseMultipart, boundaryOf };
