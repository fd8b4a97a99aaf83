'use strict';
/* Signature algorithms, exactly as docs/providers/ describes them. */
const { hmacHex, md5Hex } = require('./util');

/** WhatsApp API Engine: hex HMAC-SHA256(secret, exact JSON body). */
function engineSignature(secret, body) {
	return hmacHex(secret, body);
}

/** Whaapy: hex HMAC-SHA256(registration secret, raw body). */
function whaapySignature(secret, body) {
	return hmacHex(secret, body);
}

/**
 * seven.io: hex HMAC-SHA256(signingKey,
 *   timestamp + "\n" + nonce + "\n" + METHOD + "\n" + FULL_URL + "\n" + md5hex(body))
 * md5 of the empty string for GET / empty bodies.
 */
function sevenStringToSign(timestamp, nonce, method, url, body) {
	return `${timestamp}\n${nonce}\n${method.toUpperCase()}\n${url}\n${md5Hex(body || '')}`;
}
function sevenSignature(signingKey, timestamp, nonce, method, url, body) {
	return hmacHex(signingKey, sevenStringToSign(timestamp, nonce, method, url, body));
}

module.exports = { engineSignature, whaapySignature, sevenStringToSign, sevenSignature };
