import { describe, expect, it } from 'vitest';
import { linear, linePath, niceTicks, sparkPath } from './scale';

describe('linear', () => {
	it('maps the domain onto the range, inverted for a y axis', () => {
		const y = linear([0, 10], [100, 0]);
		expect(y(0)).toBe(100);
		expect(y(10)).toBe(0);
		expect(y(5)).toBe(50);
	});
	it('maps a zero-width domain to the middle instead of dividing by zero', () => {
		expect(linear([3, 3], [0, 10])(3)).toBe(5);
	});
});

describe('niceTicks', () => {
	it('gives round steps from zero up to at least the maximum', () => {
		const t = niceTicks(0, 87, 4);
		expect(t[0]).toBe(0);
		expect(t[t.length - 1]).toBeGreaterThanOrEqual(87);
		const step = t[1] - t[0];
		expect([1, 2, 5, 10, 20, 50].includes(step)).toBe(true);
	});
	it('handles fractions without floating-point noise', () => {
		expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
	});
	it('gives an axis for no data or a flat zero line', () => {
		expect(niceTicks(0, 0, 4)).toEqual([0, 0.5, 1]);
	});
});

describe('linePath', () => {
	const x = (i: number) => i * 10;
	const y = (v: number) => 100 - v;
	it('draws one segment per run of values and leaves gaps at nulls', () => {
		expect(linePath([1, 2, null, 4, 5], x, y)).toBe('M0,99 L10,98 M30,96 L40,95');
	});
	it('keeps a lone value between gaps visible', () => {
		expect(linePath([null, 7, null], x, y)).toBe('M10,93 L10,93');
	});
	it('is empty for no values', () => {
		expect(linePath([], x, y)).toBe('');
		expect(linePath([null, null], x, y)).toBe('');
	});
});

describe('sparkPath', () => {
	it('spans the box: the largest value at the top, zero at the bottom', () => {
		expect(sparkPath([0, 5, 10], 101, 21)).toBe('M1,20 L50.5,10.5 L100,1');
	});
	it('draws all-zero data as a flat line at the bottom', () => {
		expect(sparkPath([0, 0, 0], 11, 10)).toBe('M1,9 L5.5,9 L10,9');
	});
	it('is empty without data', () => {
		expect(sparkPath([], 100, 20)).toBe('');
	});
});
