// A fake /api/v1 for component tests. The API client takes the global fetch and Request when its module loads, so a
// test installs this first: `const server = await vi.hoisted(() => import('$lib/testing/fake-server').then((m) => m.install()))`.
export interface Call {
	method: string;
	url: string;
	body: unknown;
}
export type Answer = (method: string, url: string, body: unknown) => Response;

export function json(status: number, body: unknown): Response {
	return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function install() {
	const calls: Call[] = [];
	let answer: Answer = () => json(500, { error: { code: 'internal', message: 'no answer set' } });
	// Node's Request refuses the client's relative URLs ("/api/v1/..."), which a browser resolves against the page.
	const NodeRequest = globalThis.Request;
	globalThis.Request = class extends NodeRequest {
		constructor(input: RequestInfo | URL, init?: RequestInit) {
			super(typeof input === 'string' && input.startsWith('/') ? 'http://localhost' + input : input, init);
		}
	} as typeof Request;
	globalThis.fetch = (async (input: Request) => {
		const body = input.method === 'GET' ? null : await input.clone().json().catch(() => null);
		const url = new URL(input.url);
		calls.push({ method: input.method, url: url.pathname + url.search, body });
		return answer(input.method, url.pathname, body);
	}) as typeof fetch;
	return { calls, answer: (f: Answer) => (answer = f) };
}
