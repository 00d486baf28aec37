// The arithmetic behind the hand-made SVG charts: scales, "nice" axis ticks and line paths with gaps.

/** A linear map from a data interval onto a pixel interval; a zero-width domain maps to the range's middle. */
export function linear(domain: [number, number], range: [number, number]): (v: number) => number {
	const [d0, d1] = domain;
	const [r0, r1] = range;
	if (d1 === d0) {
		return () => (r0 + r1) / 2;
	}
	return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** Round tick values (1, 2 or 5 times a power of ten) from 0 or min up to at least max; about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
	if (!Number.isFinite(min) || !Number.isFinite(max)) {
		return [0, 1];
	}
	if (max <= min) {
		max = min + 1;
	}
	const raw = (max - min) / Math.max(1, count);
	const power = Math.pow(10, Math.floor(Math.log10(raw)));
	const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
	const start = Math.floor(min / step) * step;
	const ticks: number[] = [];
	for (let v = start; v < max + step / 2; v += step) {
		ticks.push(Number(v.toPrecision(12)));
	}
	if (ticks[ticks.length - 1] < max) {
		ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
	}
	return ticks;
}

/** The finite values of a series (nulls are empty buckets). */
export function present(values: readonly (number | null | undefined)[]): number[] {
	return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/**
 * An SVG path through the points, one sub-path per run of present values: an empty bucket (null) is a gap, not a
 * drop to zero. A lone value between gaps becomes a dot-sized segment so it stays visible.
 */
export function linePath(
	values: readonly (number | null | undefined)[],
	x: (i: number) => number,
	y: (v: number) => number
): string {
	const parts: string[] = [];
	let run: string[] = [];
	const flush = () => {
		if (run.length === 1) {
			run.push(run[0].replace(/^M/, 'L'));
		}
		parts.push(...run);
		run = [];
	};
	values.forEach((v, i) => {
		if (typeof v !== 'number' || !Number.isFinite(v)) {
			flush();
			return;
		}
		run.push(`${run.length === 0 ? 'M' : 'L'}${round(x(i))},${round(y(v))}`);
	});
	flush();
	return parts.join(' ');
}

/** The path of a sparkline of `values` in a box of width × height (a 1 px margin keeps the stroke inside). */
export function sparkPath(values: readonly number[], width: number, height: number): string {
	const vals = present(values);
	if (vals.length === 0) {
		return '';
	}
	const max = Math.max(...vals, 0);
	const min = Math.min(...vals, 0);
	const x = linear([0, Math.max(1, values.length - 1)], [1, width - 1]);
	const y = max === min ? () => height - 1 : linear([min, max], [height - 1, 1]);
	return linePath(values, x, y);
}

function round(v: number): number {
	return Math.round(v * 10) / 10;
}

/** One line of a chart: its legend name and one value per x position (null: no data there). */
export interface Series {
	name: string;
	values: (number | null)[];
}
