// PiCloud's dashboard end to end, in Debian's Chromium against a running PiCloud (manager role) and its database,
// as issue 11 describes it: first run -> log in -> a script with a compile error shown inline -> fixed and
// deployed -> tried -> its run in the live tail -> rolled back -> a cron binding added through its schema form,
// seen firing -> a viewer sees no edit controls -> log out.
//
//   node e2e/flow.mjs <base URL> <bootstrap token> [screenshot directory]
//
// Elements are found by role and label only. Any console error, page error or unexpected error answer fails the
// run (exit code 1); each page is photographed into the screenshot directory (default target/e2e-screenshots).
import { launch, Screenshots, Watch } from './browser.mjs';
import { expect } from './expect.mjs';

const [base, token, shotsDir = 'target/e2e-screenshots'] = process.argv.slice(2);
if (!base || !token) {
	console.error('usage: node e2e/flow.mjs <base URL> <bootstrap token> [screenshot directory]');
	process.exit(2);
}

const OWNER = { username: 'alice', password: 'e2e owner passphrase 7' };
const VIEWER = { username: 'victor', password: 'e2e viewer passphrase 9' };
const SCRIPT = 'e2e-hello';
// The first source has a compile error at line 2 ("let = ;"); fixed, it is version 1; version 2 says "Hi". The
// function form runs for HTTP (the request map) and for cron (the event map) alike.
const BROKEN = '// e2e\nlet = ;\nfn handle(x) { `Hello, ${x.query.name}!` }\n';
const V1 = '// e2e\nfn handle(x) {\n    let who = if x.type == "cron" { "cron" } else { x.query.name ?? "world" };\n    `Hello, ${who}!`\n}\n';
const V2 = V1.replace('// e2e', '// e2e, second version').replace('`Hello', '`Hi');

const watch = new Watch();
// Only by hand, against a server that lacks some endpoints (a branch not merged yet): a regular expression of
// API paths whose 404 is not counted. The integration test never sets it.
if (process.env.PICLOUD_E2E_TOLERATE_404) {
	for (const method of ['GET', 'POST']) watch.expect(method, new RegExp(process.env.PICLOUD_E2E_TOLERATE_404), 404);
}
const shots = new Screenshots(shotsDir);
const browser = await launch();
const page = watch.attach(await browser.context.newPage());
const url = (path) => new URL(path, base).toString();

let stepNumber = 0;
/** Runs one step, then fails on anything the browser reported during it. */
async function step(name, body) {
	stepNumber++;
	const started = Date.now();
	console.log(`e2e: step ${stepNumber}: ${name}`);
	await body();
	watch.check(`step ${stepNumber} (${name})`);
	console.log(`e2e: step ${stepNumber} done in ${Date.now() - started} ms`);
}

const heading = (name, on = page) => on.getByRole('heading', { name, exact: true });
const editor = (name) => page.getByRole('textbox', { name });
const tab = (name) => page.getByRole('tab', { name, exact: true });

/** Accepts the next confirm() the page shows, which must ask `question`. */
function confirmNext(on, question) {
	on.once('dialog', async (dialog) => {
		if (dialog.type() !== 'confirm' || !question.test(dialog.message())) {
			await dialog.dismiss();
			throw new Error(`unexpected ${dialog.type()}: ${dialog.message()}`);
		}
		await dialog.accept();
	});
}

async function logIn(user) {
	await expect(heading('Log in to PiCloud')).toBeVisible();
	await page.getByLabel('Username').fill(user.username);
	await page.getByLabel('Password').fill(user.password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(heading('Scripts')).toBeVisible();
	await expect(page.getByRole('banner')).toContainText(`${user.username} (`);
}

async function logOut() {
	await page.getByRole('button', { name: 'Log out' }).click();
	await expect(heading('Log in to PiCloud')).toBeVisible();
}

let failed = false;
try {
	// Nobody is logged in yet: the session check answers "user": null (no 401, so no console error), and the
	// layout sends the visitor to /login before any page asks the API.
	await step('the dashboard sends a visitor to the login page', async () => {
		await page.goto(url('/'));
		await expect(heading('Log in to PiCloud')).toBeVisible();
		await shots.take(page, 'login');
	});

	await step('first run: the bootstrap token, then the owner chooses a username and password', async () => {
		await page.getByRole('link', { name: 'Set up the owner' }).click();
		await expect(heading('Set up PiCloud')).toBeVisible();
		await page.getByLabel('Bootstrap token').fill(token);
		await page.getByLabel('Username').fill(OWNER.username);
		await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
		await page.getByLabel('Repeat the password').fill(OWNER.password);
		await shots.take(page, 'setup');
		await page.getByRole('button', { name: 'Set up and log in' }).click();
		await expect(heading('Scripts')).toBeVisible();
		await expect(page.getByRole('banner')).toContainText(`${OWNER.username} (owner)`);
	});

	await step('log out, then log in with the new password', async () => {
		await logOut();
		await logIn(OWNER);
		await shots.take(page, 'scripts-empty');
	});

	await step('a new script with a compile error: the error is shown at its line, nothing is created', async () => {
		await page.getByRole('link', { name: 'New script' }).click();
		await expect(heading('New script')).toBeVisible();
		await page.getByLabel('Script name').fill(SCRIPT);
		const source = editor('Source of the new script');
		await expect(source).toBeVisible();
		await source.fill(BROKEN);
		const refused = watch.expect('PUT', new RegExp(`^/api/v1/scripts/${SCRIPT}$`), 422);
		// the name is free: the page asks before creating
		const free = watch.expect('GET', new RegExp(`^/api/v1/scripts/${SCRIPT}$`), 404);
		await page.getByRole('button', { name: 'Deploy' }).click();
		const errors = page.getByRole('alert').filter({ has: heading(/compile error/) });
		await expect(errors).toBeVisible();
		await expect(errors).toContainText('Nothing was created');
		await expect(errors.getByRole('button', { name: /^Go to line 2, column \d+$/ })).toBeVisible();
		await shots.take(page, 'new-script-compile-error');
		refused();
		free();
	});

	await step('fixed and deployed: the script page opens with version 1 active', async () => {
		const free = watch.expect('GET', new RegExp(`^/api/v1/scripts/${SCRIPT}$`), 404);
		await editor('Source of the new script').fill(V1);
		await page.getByRole('button', { name: 'Deploy' }).click();
		await expect(heading(SCRIPT)).toBeVisible();
		await expect(page.getByRole('main')).toContainText('version 1 active');
		await expect(editor(`Source of ${SCRIPT}`)).toContainText('Hello, ${who}!');
		free();
		await shots.take(page, 'script-editor');
	});

	// the live tail of this script, in a second tab, open before the script is tried
	const tail = watch.attach(await browser.context.newPage());
	await step('the invocations page of the script, its live tail connected', async () => {
		await tail.goto(url(`/invocations?script=${SCRIPT}`));
		await expect(heading(`Invocations of ${SCRIPT}`, tail)).toBeVisible();
		await expect(tail.getByRole('switch', { name: 'Live tail' })).toBeVisible();
		await expect(tail.getByRole('status').filter({ hasText: /^live$/ })).toBeVisible();
	});

	await step('try it: a request to the active version, and its answer', async () => {
		await tab('Try it').click();
		await page.getByLabel('Query').fill('name=e2e');
		await page.getByRole('button', { name: 'Send request' }).click();
		await expect(page.getByLabel('Answer body')).toContainText('Hello, e2e!');
		await expect(page.getByRole('region', { name: 'Answer' })).toContainText(/Status\s+200/);
		await shots.take(page, 'try-it');
	});

	await step('the tried run appears in the live tail without a reload', async () => {
		const runs = tail.getByRole('table', { name: 'Invocations' });
		await expect(runs.getByRole('row').filter({ hasText: 'test' }).filter({ hasText: SCRIPT })).toBeVisible();
		await shots.take(tail, 'invocations-live-tail');
	});

	await step('a second version deployed with Ctrl+S, then rolled back to the first', async () => {
		await tab('Source').click();
		const source = editor(`Source of ${SCRIPT}`);
		await source.fill(V2);
		await source.press('Control+s');
		await expect(page.getByRole('status').filter({ hasText: 'Deployed version 2.' })).toBeVisible();
		await expect(page.getByRole('main')).toContainText('version 2 active');
		await tab('Versions').click();
		await expect(page.getByRole('table', { name: 'Versions' })).toBeVisible();
		await shots.take(page, 'versions');
		confirmNext(page, /^Make version 1 of .* active again\?$/);
		await page.getByRole('button', { name: 'Roll back to version 1' }).click();
		await expect(page.getByRole('main')).toContainText('version 1 active');
		await tab('Source').click();
		await expect(editor(`Source of ${SCRIPT}`)).toContainText('Hello, ${who}!');
		const answer = await page.request.get(url(`/fn/${SCRIPT}?name=again`));
		if ((await answer.text()) !== 'Hello, again!') throw new Error(`/fn/${SCRIPT} answered ${await answer.text()}`);
	});

	await step('a cron binding added through its schema form, and seen firing', async () => {
		await page.goto(url(`/triggers?script=${SCRIPT}`));
		await expect(heading(`Triggers of ${SCRIPT}`)).toBeVisible();
		await page.getByRole('button', { name: 'Add trigger' }).click();
		const form = page.getByRole('form', { name: /trigger/i });
		await form.getByLabel('Type').selectOption('cron');
		await form.getByLabel('Script').selectOption(SCRIPT);
		// the cron plugin's finest schedule is one second; two keep the log small
		await form.getByRole('textbox', { name: /^Schedule/ }).fill('@every 2s');
		// the next five fire times, computed by the plugin for the unsaved form
		const next = form.getByRole('list', { name: /^Would fire next/ });
		await expect(next).toBeVisible();
		await expect(next.getByRole('listitem')).toHaveCount(5);
		await shots.take(page, 'trigger-form');
		await form.getByRole('button', { name: 'Add trigger' }).click();
		const binding = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /cron/ }) });
		await expect(binding).toBeVisible();
		await tail.bringToFront();
		const runs = tail.getByRole('table', { name: 'Invocations' });
		const fired = runs.getByRole('row').filter({ hasText: 'cron' }).filter({ hasText: SCRIPT });
		await expect(fired.filter({ has: tail.getByRole('cell', { name: 'ok', exact: true }) }), { timeout: 60_000 })
			.toBeVisible();
		await shots.take(tail, 'invocations-cron');
		await page.bringToFront();
		await page.reload();
		await expect(binding).toBeVisible();
		await expect(binding).toContainText(/Last fired\s+[^\n–]*\d/);
		await shots.take(page, 'triggers');
		await binding.getByRole('button', { name: 'Disable' }).click();
		await expect(binding.getByRole('button', { name: 'Enable' })).toBeVisible();
	});
	await tail.close();

	await step('the owner adds a viewer on the users page', async () => {
		await page.getByRole('link', { name: 'Users' }).click();
		await expect(heading('Users')).toBeVisible();
		const form = page.getByRole('form', { name: 'Create a user' });
		await form.getByLabel('Username').fill(VIEWER.username);
		await form.getByLabel('Password').fill(VIEWER.password);
		await form.getByLabel('Role').selectOption('viewer');
		await form.getByRole('button', { name: 'Create user' }).click();
		await expect(page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: VIEWER.username }))
			.toBeVisible();
		await shots.take(page, 'users');
	});

	await step('the other pages open without an error', async () => {
		for (const [link, title, shot] of [
			['Runs', 'Runs', 'runs'],
			['Keys', 'API keys', 'keys'],
			['Audit', 'Audit log', 'audit'],
			['System', 'System', 'system'],
			['Scripts', 'Scripts', 'scripts']
		]) {
			await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
			await expect(heading(title)).toBeVisible();
			await page.waitForLoadState('networkidle');
			await expect(page.getByRole('main')).notToContainText('Loading');
			await shots.take(page, shot);
		}
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Charts' }).click();
		await expect(page.getByRole('img', { name: /^Calls per minute/ })).toBeVisible();
		await shots.take(page, 'charts-drawn');
	});

	await step('at 360 px wide the scripts list and the editor fit the screen', async () => {
		await page.setViewportSize({ width: 360, height: 740 });
		for (const [path, title, shot] of [
			['/', 'Scripts', 'narrow-scripts'],
			[`/scripts/${SCRIPT}`, SCRIPT, 'narrow-editor']
		]) {
			await page.goto(url(path));
			await expect(heading(title)).toBeVisible();
			await page.waitForLoadState('networkidle');
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			if (width > 360) throw new Error(`${path} is ${width} px wide at a 360 px viewport`);
			await shots.take(page, shot);
		}
		await page.setViewportSize({ width: 1280, height: 860 });
	});

	await step('dark mode follows the system', async () => {
		const background = () =>
			page.evaluate(() => getComputedStyle(document.body).backgroundColor.match(/\d+/g).slice(0, 3).map(Number));
		const light = await background();
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.goto(url(`/scripts/${SCRIPT}`));
		await expect(editor(`Source of ${SCRIPT}`)).toBeVisible();
		const dark = await background();
		const luminance = ([r, g, b]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
		if (!(luminance(light) > 0.6 && luminance(dark) < 0.4)) {
			throw new Error(`page background light ${light}, dark ${dark}`);
		}
		await shots.take(page, 'dark-editor');
		await page.emulateMedia({ colorScheme: 'light' });
	});

	await step('a viewer sees the script read-only, without edit controls', async () => {
		await logOut();
		await logIn(VIEWER);
		await expect(page.getByRole('link', { name: 'New script' })).toBeHidden();
		await page.getByRole('link', { name: SCRIPT, exact: true }).click();
		await expect(heading(SCRIPT)).toBeVisible();
		await expect(page.getByRole('note').filter({ hasText: 'Read-only' })).toBeVisible();
		await expect(editor(`Source of ${SCRIPT}`)).toBeVisible();
		for (const name of ['Deploy', 'Discard changes']) {
			await expect(page.getByRole('button', { name })).toBeHidden();
		}
		await expect(tab('Try it')).toBeHidden();
		await shots.take(page, 'script-read-only');
		await tab('Versions').click();
		await expect(page.getByRole('table', { name: 'Versions' })).toBeVisible();
		await expect(page.getByRole('button', { name: /^Roll back/ })).toBeHidden();
		await page.goto(url(`/triggers?script=${SCRIPT}`));
		await expect(heading(`Triggers of ${SCRIPT}`)).toBeVisible();
		await expect(page.getByRole('article')).toBeVisible();
		for (const name of ['Add trigger', 'Enable', 'Disable', 'Edit', 'Delete']) {
			await expect(page.getByRole('button', { name })).toBeHidden();
		}
	});

	await step('log out: the dashboard asks to log in again', async () => {
		await logOut();
		await page.goto(url(`/scripts/${SCRIPT}`));
		await expect(heading('Log in to PiCloud')).toBeVisible();
	});
} catch (error) {
	failed = true;
	console.error(`e2e: FAILED at step ${stepNumber}: ${error.stack || error}`);
	await shots.take(page, 'failure').then((f) => console.error(`e2e: screenshot of the failure: ${f}`), () => {});
} finally {
	await browser.close();
}
console.log(`e2e: ${failed ? 'failed' : 'passed'}; ${shots.count} screenshots in ${shotsDir}`);
process.exit(failed ? 1 : 0);
