// From GET /stats/timeseries to chart series: calls and errors per minute, p50/p99 durations in milliseconds.
import type { Series } from './scale';

export interface Bucket {
	start: string;
	calls: number;
	errors: number;
	p50Us: number | null;
	p99Us: number | null;
}

export function perMinute(buckets: Bucket[], bucketSeconds: number): Series[] {
	const minutes = bucketSeconds / 60 || 1;
	const rate = (n: number) => Math.round((n / minutes) * 100) / 100;
	return [
		{ name: 'calls', values: buckets.map((b) => rate(b.calls)) },
		{ name: 'errors', values: buckets.map((b) => rate(b.errors)) }
	];
}

export function durationsMs(buckets: Bucket[]): Series[] {
	const ms = (us: number | null) => (us == null ? null : Math.round(us) / 1000);
	return [
		{ name: 'p50', values: buckets.map((b) => ms(b.p50Us)) },
		{ name: 'p99', values: buckets.map((b) => ms(b.p99Us)) }
	];
}
