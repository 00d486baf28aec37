// The few web-first assertions the flow needs (playwright-core has no test runner): each waits for its condition
// up to a timeout, as @playwright/test's expect does, and fails with what it saw.
const TIMEOUT = 15_000;

/** @param {import('playwright-core').Locator} locator */
export function expect(locator, { timeout = TIMEOUT } = {}) {
	const until = async (what, condition) => {
		const deadline = Date.now() + timeout;
		let last;
		for (;;) {
			try {
				last = await condition();
				if (last === true) return;
			} catch (error) {
				last = error.message;
			}
			if (Date.now() > deadline) {
				throw new Error(`expected ${locator} ${what} within ${timeout} ms (last seen: ${last})`);
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	};
	return {
		toBeVisible: () => locator.first().waitFor({ state: 'visible', timeout }),
		toBeHidden: () =>
			until('to be hidden', async () => {
				for (const one of await locator.all()) if (await one.isVisible()) return 'one is visible';
				return true;
			}),
		toHaveCount: (n) =>
			until(`to match ${n} elements`, async () => (await locator.count()) === n || `${await locator.count()}`),
		toContainText: (text) =>
			until(`to contain "${text}"`, async () => {
				const seen = await locator.first().innerText({ timeout: 1000 });
				const found = text instanceof RegExp ? text.test(seen) : seen.includes(text);
				return found || JSON.stringify(seen.slice(0, 300));
			}),
		notToContainText: (text) =>
			until(`not to contain "${text}"`, async () => {
				const seen = await locator.first().innerText({ timeout: 1000 });
				return !seen.includes(text) || JSON.stringify(seen.slice(0, 300));
			})
	};
}
