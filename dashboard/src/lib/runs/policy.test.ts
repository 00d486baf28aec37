import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/api/client';
import { DEFAULT_RETRY, buildPolicy, describeRetry, placeRefusal, policyDraft } from './policy';

describe('the retry policy and rate limit form', () => {
	it('starts from the default policy and no limit, and sends them as null', () => {
		const d = policyDraft(null, null);
		expect(d).toMatchObject({ useDefault: true, maxAttempts: '3', categories: ['runtime', 'timeout', 'nodeLost', 'unavailable'], kinds: '', perSecond: '' });
		expect(buildPolicy(d)).toEqual({ value: { retry: null, rateLimit: null } });
	});

	it('keeps error kinds apart from the categories and sends both, categories in their order', () => {
		const d = policyDraft({ ...DEFAULT_RETRY, retryOn: ['timeout', 'ErrorArithmetic'] }, { perSecond: 2.5, burst: 4 });
		expect(d).toMatchObject({ useDefault: false, categories: ['timeout'], kinds: 'ErrorArithmetic', perSecond: '2.5', burst: '4' });
		d.categories = ['compile', 'runtime'];
		d.kinds = 'ErrorArithmetic, ErrorIndexingType';
		d.burst = '';
		expect(buildPolicy(d)).toEqual({
			value: {
				retry: { maxAttempts: 3, initialBackoffMillis: 1000, maxBackoffMillis: 300000, retryOn: ['runtime', 'compile', 'ErrorArithmetic', 'ErrorIndexingType'] },
				rateLimit: { perSecond: 2.5 }
			}
		});
	});

	it('names the fields that are not numbers, as the server names them', () => {
		const d = { ...policyDraft(DEFAULT_RETRY, null), maxAttempts: 'three', maxBackoffMillis: '1.5', perSecond: 'fast' };
		expect(buildPolicy(d)).toEqual({
			errors: { 'retry.maxAttempts': 'must be a whole number', 'retry.maxBackoffMillis': 'must be a whole number', 'rateLimit.perSecond': 'must be a number' }
		});
		expect(buildPolicy({ ...policyDraft(null, null), burst: '5' })).toMatchObject({ errors: { 'rateLimit.perSecond': expect.stringMatching(/needs a rate/) } });
	});

	it('places a 422 at the field it names, anything else at the form', () => {
		const body = { error: { code: 'invalid_retry_maxattempts', message: 'maxAttempts must be an integer from 1 to 20', field: 'retry.maxAttempts' } };
		expect(placeRefusal(new ApiError(422, body.error.code, body.error.message, body))).toEqual({
			fields: { 'retry.maxAttempts': 'maxAttempts must be an integer from 1 to 20' }, general: null
		});
		expect(placeRefusal(new ApiError(403, 'forbidden', 'not yours', null))).toEqual({ fields: {}, general: 'not yours' });
	});

	it('describes a policy for those who may only read it', () => {
		expect(describeRetry(null)).toBe('3 attempts, back-off 1000 ms to 300000 ms, retry on runtime, timeout, nodeLost, unavailable (the default)');
		expect(describeRetry({ ...DEFAULT_RETRY, maxAttempts: 1, retryOn: [] })).toBe('1 attempt, back-off 1000 ms to 300000 ms, no error retries');
	});
});
