import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/api/client';
import { isScheduled, placeError } from './triggers';

function apiError(status: number, code: string, message: string, field?: string) {
	return new ApiError(status, code, message, { error: { code, message, field } });
}

describe('placeError', () => {
	it('puts an invalid config field at that field, without the prefix', () => {
		expect(placeError(apiError(422, 'invalid_config', 'config.schedule: bad minute field', 'config.schedule'))).toEqual({
			config: { schedule: 'bad minute field' },
			top: {},
			general: null
		});
	});
	it('puts a top-level field at its control and the rest above the form', () => {
		expect(placeError(apiError(422, 'unknown_script', 'no script named x', 'script')).top).toEqual({ script: 'no script named x' });
		expect(placeError(apiError(422, 'invalid_config', '"config" must be a JSON object', 'config')).general).toBe(
			'"config" must be a JSON object'
		);
		expect(placeError(new Error('offline')).general).toBe('offline');
	});
});

describe('isScheduled', () => {
	it('knows cron and any type with a schedule', () => {
		expect(isScheduled({ id: 'cron', schema: {} })).toBe(true);
		expect(isScheduled({ id: 'timer', schema: { properties: { schedule: {} } } })).toBe(true);
		expect(isScheduled({ id: 'http', schema: { properties: { path: {} } } })).toBe(false);
		expect(isScheduled(undefined)).toBe(false);
	});
});
