import { describe, expect, it, vi } from 'vitest';

const server = await vi.hoisted(() => import('$lib/testing/fake-server').then((m) => m.install()));
const { api, call, onAuthProblem } = await import('./client');
const { json } = await import('$lib/testing/fake-server');

describe('the auth listeners', () => {
	it('hear a 401 and a refused read, but not a refused change', async () => {
		const heard: number[] = [];
		const stop = onAuthProblem((status) => heard.push(status));
		server.answer(() => json(403, { error: { code: 'forbidden', message: 'no' } }));

		const change = await call(api.DELETE('/keys/{id}', { params: { path: { id: 1 } } })).catch((e) => e);
		expect(change.status).toBe(403);
		expect(change.message).toBe('no');
		expect(heard).toEqual([]);

		await call(api.GET('/users')).catch(() => null);
		expect(heard).toEqual([403]);

		server.answer(() => json(401, { error: { code: 'unauthorized', message: 'log in' } }));
		await call(api.DELETE('/keys/{id}', { params: { path: { id: 1 } } })).catch(() => null);
		expect(heard).toEqual([403, 401]);
		stop();
	});
});
