import { describe, expect, it } from 'vitest';
import { durationsMs, perMinute } from './timeseries';

const buckets = [
	{ start: '2026-12-03T10:00:00Z', calls: 30, errors: 3, p50Us: 1500, p99Us: 9000 },
	{ start: '2026-12-03T10:15:00Z', calls: 0, errors: 0, p50Us: null, p99Us: null }
];

describe('timeseries', () => {
	it('turns counts per bucket into counts per minute', () => {
		expect(perMinute(buckets, 900)).toEqual([
			{ name: 'calls', values: [2, 0] },
			{ name: 'errors', values: [0.2, 0] }
		]);
		expect(perMinute(buckets, 60)[0].values).toEqual([30, 0]);
	});
	it('gives durations in milliseconds and keeps empty buckets empty', () => {
		expect(durationsMs(buckets)).toEqual([
			{ name: 'p50', values: [1.5, null] },
			{ name: 'p99', values: [9, null] }
		]);
	});
});
