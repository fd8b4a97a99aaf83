'use strict';
/**
 * The editor as a person uses it, driven through Debian's Chromium with playwright-core. Every
 * click and keystroke a user makes goes through `user`, which counts them (the "clicks and
 * keystrokes from a blank canvas to a sent message" figure); steps the test makes only to read or
 * check the page are not counted.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function launch() {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wag-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
		viewport: { width: 1440, height: 900 },
	});
	const page = context.pages()[0] || (await context.newPage());
	page.setDefaultTimeout(30_000);
	return {
		context,
		page,
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** Counts what a user does: each click, and each key (a typed character or a pressed key). */
function userOf(page, failureShot) {
	const counts = { clicks: 0, keys: 0 };
	return {
		counts,
		reset() {
			counts.clicks = 0;
			counts.keys = 0;
		},
		async click(locator) {
			try {
				await locator.click();
			} catch (error) {
				if (failureShot) await page.screenshot({ path: failureShot }).catch(() => {});
				throw error;
			}
			counts.clicks++;
		},
		async type(text) {
			await page.keyboard.type(text, { delay: 5 });
			counts.keys += [...text].length;
		},
		async fill(locator, text) {
			await locator.click();
			counts.clicks++;
			await page.keyboard.type(text, { delay: 5 });
			counts.keys += [...text].length;
		},
		async press(key) {
			await page.keyboard.press(key);
			counts.keys++;
		},
	};
}

/** Saves a screenshot under the run's folder and returns its path. */
function screenshots(dir) {
	fs.mkdirSync(dir, { recursive: true });
	let n = 0;
	return async (page, name) => {
		n++;
		const file = path.join(dir, `${String(n).padStart(2, '0')}-${name}.png`);
		await page.screenshot({ path: file });
		return file;
	};
}

module.exports = { launch, userOf, screenshots };
