// The browser side of the end-to-end test: Debian's Chromium driven by playwright-core (no browser download), a
// watch on every page for console errors, page errors and failed API answers, and a screenshot per page.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.PICLOUD_E2E_CHROMIUM || '/usr/bin/chromium';

// Without the background-networking switches Chromium keeps calling Google's hosts, which this network refuses.
const ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** A fresh Chromium profile; close() also removes it. */
export async function launch() {
	const profile = mkdtempSync(join(tmpdir(), 'picloud-e2e-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: ARGS,
		viewport: { width: 1280, height: 860 }
	});
	context.setDefaultTimeout(15_000);
	return {
		context,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}

/**
 * Collects what must fail the test on a page: an uncaught exception, a console error, an answer of 400 or more.
 * An error answer the flow asks for (the 422 for a script that does not compile, the 401 of the session check
 * before logging in) is declared with expect() and is then not counted, nor is the console line the browser
 * writes for it ("Failed to load resource: the server responded with a status of 422").
 */
export class Watch {
	/** @type {string[]} */
	problems = [];
	/** @type {{method: string, path: RegExp, status: number}[]} */
	allowed = [];
	/** @type {Map<string, number[]>} url -> the statuses of the error answers for it, judged already */
	answers = new Map();
	/** @type {{text: string, url: string}[]} */
	consoleErrors = [];

	/** @param {import('playwright-core').Page} page */
	attach(page) {
		page.on('pageerror', (error) => this.problems.push(`page error: ${error.stack || error}`));
		page.on('response', (response) => {
			const status = response.status();
			if (status < 400) return;
			const method = response.request().method();
			const url = response.url();
			this.answers.set(url, [...(this.answers.get(url) ?? []), status]);
			if (!this.isAllowed(method, url, status)) {
				this.problems.push(`${method} ${url} answered ${status}`);
			}
		});
		page.on('console', (message) => {
			if (message.type() === 'error') {
				this.consoleErrors.push({ text: message.text(), url: message.location()?.url ?? '' });
			}
		});
		return page;
	}

	/**
	 * Lets `method` on a path matching `path` answer `status` without failing the test, until the returned
	 * function is called.
	 */
	expect(method, path, status) {
		const entry = { method, path, status };
		this.allowed.push(entry);
		return () => this.allowed.splice(this.allowed.indexOf(entry), 1);
	}

	isAllowed(method, url, status) {
		const path = new URL(url).pathname;
		return this.allowed.some((a) => a.method === method && a.status === status && a.path.test(path));
	}

	/** Throws when anything went wrong since the last check. */
	check(step) {
		for (const { text, url } of this.consoleErrors.splice(0)) {
			// the browser's own line for an error answer, which was judged by its status above
			const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(text);
			if (status && this.answers.get(url)?.includes(Number(status[1]))) continue;
			this.problems.push(`console error: ${text}${url ? ` (${url})` : ''}`);
		}
		if (this.problems.length) {
			const list = this.problems.splice(0).join('\n  ');
			throw new Error(`${step}: the browser reported\n  ${list}`);
		}
	}
}

/** Writes screenshots as NN-name.png into one directory. */
export class Screenshots {
	count = 0;
	constructor(directory) {
		this.directory = directory;
		mkdirSync(directory, { recursive: true });
		// a previous run's pictures would mix with this run's
		for (const file of readdirSync(directory)) {
			if (/^\d\d-.*\.png$/.test(file)) rmSync(join(directory, file));
		}
	}

	/** @param {import('playwright-core').Page} page */
	async take(page, name) {
		this.count++;
		const file = join(this.directory, `${String(this.count).padStart(2, '0')}-${name}.png`);
		await page.screenshot({ path: file, fullPage: true });
		return file;
	}
}
