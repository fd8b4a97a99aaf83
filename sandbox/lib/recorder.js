'use strict';
/* Records every provider request, in arrival order. */
const MAX_RECORDS = 5000; // bounded memory; oldest records are dropped first
const MAX_RAW_TEXT = 2 * 1024 * 1024; // raw bodies above 2 MB are truncated in the record

class Recorder {
	constructor() {
		this.records = [];
		this.seq = 0;
	}
	clear() {
		this.records = [];
	}
	add(entry) {
		const rec = { seq: ++this.seq, ...entry };
		this.records.push(rec);
		if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
		return rec;
	}
	list(filter = {}) {
		return this.records.filter(
			(r) => (!filter.provider || r.provider === filter.provider) && (!filter.method || r.method === filter.method.toUpperCase()) && (!filter.path || r.path === filter.path),
		);
	}
}

/** rawBody for the record: utf8 text (truncated) or a multipart summary. */
function rawBodyForRecord(buf, multipart) {
	if (multipart) {
		return {
			fields: multipart.fields,
			files: multipart.files.map(({ name, filename, contentType, size, sha256 }) => ({ name, filename, contentType, size, sha256 })),
		};
	}
	if (!buf || !buf.length) return '';
	if (buf.length > MAX_RAW_TEXT) return buf.slice(0, MAX_RAW_TEXT).toString('utf8') + `…[truncated ${buf.length - MAX_RAW_TEXT} bytes]`;
	return buf.toString('utf8');
}

module.exports = { Recorder, rawBodyForRecord, MAX_RECORDS };
