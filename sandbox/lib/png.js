'use strict';
/* Minimal valid PNG encoder (grayscale, 8-bit) with zlib + our own CRC-32. */
const zlib = require('zlib');

const CRC_TABLE = (() => {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
})();

function crc32(buf) {
	let c = 0xffffffff;
	for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}

/** pixels: function (x, y) -> 0..255 */
function encodeGray(width, height, pixel) {
	const raw = Buffer.alloc((width + 1) * height);
	for (let y = 0; y < height; y++) {
		raw[y * (width + 1)] = 0; // filter: none
		for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = pixel(x, y);
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 0; // grayscale
	ihdr[10] = 0;
	ihdr[11] = 0;
	ihdr[12] = 0;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', zlib.deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** A QR-looking (not decodable) 29x29-module picture, 4 px per module + quiet zone. */
function qrLikePng(seed = 'sandbox') {
	const modules = 29;
	const scale = 4;
	const quiet = 4;
	const size = (modules + quiet * 2) * scale;
	let h = 2166136261;
	for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
	const finder = (mx, my, ox, oy) => {
		const x = mx - ox;
		const y = my - oy;
		if (x < 0 || y < 0 || x > 6 || y > 6) return null;
		const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
		return ring === 3 || ring <= 1;
	};
	const dark = (mx, my) => {
		for (const [ox, oy] of [
			[0, 0],
			[modules - 7, 0],
			[0, modules - 7],
		]) {
			const f = finder(mx, my, ox, oy);
			if (f !== null) return f;
		}
		let v = (h ^ Math.imul(mx + 1, 73856093) ^ Math.imul(my + 1, 19349663)) >>> 0;
		v = Math.imul(v ^ (v >>> 13), 1274126177) >>> 0;
		return (v & 1) === 1;
	};
	return encodeGray(size, size, (x, y) => {
		const mx = Math.floor(x / scale) - quiet;
		const my = Math.floor(y / scale) - quiet;
		if (mx < 0 || my < 0 || mx >= modules || my >= modules) return 255;
		return dark(mx, my) ? 0 : 255;
	});
}

module.exports = { crc32, encodeGray, qrLikePng };
