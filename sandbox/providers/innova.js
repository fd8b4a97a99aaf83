'use strict';
/*
 * InnovaAPI (docs/providers/innova.md).
 *   POST /api/whatsapp/enviar   Authorization: Bearer <key>
 * Success: { success: true, message: 'Mensaje enviado correctamente' } (no message id).
 * Errors (body shape undocumented; [INF] { success: false, message }):
 *   401 API key invalid/missing · 400 WhatsApp not connected / bad parameters
 *   429 daily limit · 500 internal error
 */
const { isNonEmptyString, isFiniteNumber, isHttpUrl, magicOf } = require('../lib/util');

const TIPOS = ['text', 'image', 'document', 'video', 'audio', 'location'];
const MEDIA = ['image', 'document', 'video', 'audio'];

const err = (ctx, status, message, headers) => ctx.json(status, { success: false, message }, headers);

/** The documented request fields (docs/providers/innova.md); anything else is refused, not silently dropped. */
const FIELDS = ['numero', 'tipo', 'mensaje', 'url', 'caption', 'latitud', 'longitud', 'nombre'];

function validate(b) {
	if (!b || typeof b !== 'object' || Array.isArray(b)) return 'El cuerpo debe ser un objeto JSON';
	const unknown = Object.keys(b).filter((k) => !FIELDS.includes(k));
	if (unknown.length) return `Campos no permitidos: ${unknown.join(', ')}`;
	if (b.numero === undefined || b.numero === null || b.numero === '') return 'El campo numero es requerido';
	if (typeof b.numero !== 'string') return 'El campo numero debe ser string';
	if (!/^\d{8,15}$/.test(b.numero)) return 'Número inválido: solo dígitos con código de país, sin +';
	if (b.tipo === undefined || b.tipo === null || b.tipo === '') return 'El campo tipo es requerido';
	if (!TIPOS.includes(b.tipo)) return `Tipo inválido. Valores permitidos: ${TIPOS.join(', ')}`;
	if (b.tipo === 'text') {
		if (!isNonEmptyString(b.mensaje)) return 'El campo mensaje es requerido si tipo es text';
		if (b.mensaje.length > 4096) return 'El mensaje no puede exceder 4096 caracteres';
	}
	if (MEDIA.includes(b.tipo)) {
		if (!isNonEmptyString(b.url)) return `El campo url es requerido para ${b.tipo}`;
		if (!isHttpUrl(b.url)) return 'El campo url debe ser una URL http(s) válida';
	}
	if (b.caption !== undefined && b.caption !== null && typeof b.caption !== 'string') return 'El campo caption debe ser string';
	// caption: "Texto opcional debajo de la imagen o video" (docs/providers/innova.md) — only those two types.
	if (b.caption !== undefined && !['image', 'video'].includes(b.tipo)) return 'El campo caption solo aplica a image o video';
	if (b.tipo === 'location') {
		if (b.latitud === undefined || b.latitud === null) return 'El campo latitud es requerido para location';
		if (b.longitud === undefined || b.longitud === null) return 'El campo longitud es requerido para location';
		if (!isFiniteNumber(b.latitud) || b.latitud < -90 || b.latitud > 90) return 'latitud debe ser un número entre -90 y 90';
		if (!isFiniteNumber(b.longitud) || b.longitud < -180 || b.longitud > 180) return 'longitud debe ser un número entre -180 y 180';
		if (b.nombre !== undefined && b.nombre !== null && typeof b.nombre !== 'string') return 'El campo nombre debe ser string';
	}
	return null;
}

module.exports = {
	name: 'innova',
	prefix: '/innova',
	bodyLimit: 11 * 1024 * 1024,
	createState() {
		return { sent: [] };
	},
	rateLimitAnswer(ctx, headers) {
		err(ctx, 429, 'Límite de mensajes diarios alcanzado', headers);
	},
	async handle(ctx) {
		const auth = String(ctx.headers.authorization || '');
		const m = /^Bearer\s+(.+)$/i.exec(auth);
		if (!m || m[1].trim() !== ctx.keys.innova) return err(ctx, 401, 'API Key inválida o no enviada');
		if (!(ctx.method === 'POST' && ctx.path === '/api/whatsapp/enviar')) return err(ctx, 404, 'Ruta no encontrada');
		if (ctx.tooLarge) return err(ctx, 413, 'Cuerpo demasiado grande');
		if (ctx.jsonError) return err(ctx, 400, 'JSON inválido');
		const b = ctx.jsonBody;
		const problem = validate(b);
		if (problem) return err(ctx, 400, problem);
		switch (magicOf(b.numero)) {
			case 'NOT_CONNECTED':
				return err(ctx, 400, 'WhatsApp no está conectado');
			case 'RATE_LIMIT':
				return err(ctx, 429, 'Límite de mensajes diarios alcanzado');
			case 'SERVER_ERROR':
				return err(ctx, 500, 'Error interno del servidor');
			default:
		}
		ctx.state.sent.push({ ...b, time: new Date().toISOString() });
		return ctx.json(200, { success: true, message: 'Mensaje enviado correctamente' });
	},
};
