import { describe, expect, it } from 'vitest';
import { micros, time, timeIn } from './format';

describe('format', () => {
	it('reads durations in the right unit', () => {
		expect(micros(850)).toBe('850 µs');
		expect(micros(1234)).toBe('1.23 ms');
		expect(micros(123456)).toBe('123.5 ms');
		expect(micros(2_050_000)).toBe('2.05 s');
		expect(micros(null)).toBe('–');
	});
	it('shows an instant in a named zone, and nothing for none', () => {
		expect(timeIn('2026-12-03T14:00:00Z', 'Asia/Tokyo')).toMatch(/(23:00:00|11:00:00 PM).*(GMT\+9|JST)/);
		expect(time(null)).toBe('–');
	});
});
