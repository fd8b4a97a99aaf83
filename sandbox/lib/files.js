'use strict';
/* Sample files served at GET /__sandbox/files/<name> (stable bytes, generated once). */
const crypto = require('crypto');
const { encodeGray } = require('./png');

let cache = null;

/** A tiny but valid one-page PDF. */
function samplePdf() {
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		null, // stream, below
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	const content = 'BT /F1 18 Tf 20 45 Td (Sandbox invoice) Tj ET';
	objects[3] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
	let out = '%PDF-1.4\n';
	const offsets = [];
	objects.forEach((o, i) => {
		offsets.push(out.length);
		out += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = out.length;
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

function sampleFiles() {
	if (cache) return cache;
	// 64x64 grey gradient PNG.
	const png = encodeGray(64, 64, (x, y) => (x * 4 + y * 2) & 0xff);
	const pdf = samplePdf();
	cache = {
		'sample.png': { data: png, mimeType: 'image/png', fileName: 'sample.png' },
		'sample.pdf': { data: pdf, mimeType: 'application/pdf', fileName: 'sample.pdf' },
	};
	for (const f of Object.values(cache)) f.sha256 = crypto.createHash('sha256').update(f.data).digest('hex');
	return cache;
}

module.exports = { sampleFiles };
