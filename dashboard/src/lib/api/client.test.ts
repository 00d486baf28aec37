import { describe, expect, it } from 'vitest';
import { ApiError, call } from './client';

describe('call', () => {
	it('throws the server error code and message', async () => {
		const response = new Response(null, { status: 422 });
		const err = (await call(
			Promise.resolve({ error: { error: { code: 'compile', message: 'bad' } }, response }),
			{ quietAuth: true }
		).catch((e: unknown) => e)) as ApiError;
		expect(err).toBeInstanceOf(ApiError);
		expect(err.status).toBe(422);
		expect(err.code).toBe('compile');
		expect(err.message).toBe('bad');
	});
});
