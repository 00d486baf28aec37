// How times, durations and counts read on the pages.

/** An instant in the browser's zone, e.g. "3 Dec 2026, 14:05:09"; '–' for none. */
export function time(iso: string | null | undefined): string {
	if (!iso) return '–';
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** An instant in a named IANA zone with the zone's abbreviation, e.g. "Thu, 3 Dec 2026, 15:00:00 CET". */
export function timeIn(iso: string, zone: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	try {
		return d.toLocaleString(undefined, {
			timeZone: zone,
			weekday: 'short',
			year: 'numeric',
			month: 'short',
			day: 'numeric',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			timeZoneName: 'short'
		});
	} catch {
		return iso;
	}
}

/** Hours and minutes of an instant in the browser's zone ("14:05"), for chart axes. */
export function clock(iso: string): string {
	const d = new Date(iso);
	return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** A duration given in microseconds: "850 µs", "12.3 ms", "2.05 s". */
export function micros(us: number | null | undefined): string {
	if (us == null) return '–';
	if (us < 1000) return `${Math.round(us)} µs`;
	if (us < 1_000_000) return `${(us / 1000).toFixed(us < 10_000 ? 2 : 1)} ms`;
	return `${(us / 1_000_000).toFixed(2)} s`;
}

export function count(n: number): string {
	return n.toLocaleString();
}
