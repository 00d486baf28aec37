// How the script pages write times, hashes and durations.

/** "just now", "5 min ago", "3 h ago", "2 d ago" (a future time counts as now). */
export function ago(iso: string | null | undefined, now: Date = new Date()): string {
	if (!iso) return 'never';
	const seconds = Math.max(0, (now.getTime() - new Date(iso).getTime()) / 1000);
	if (Number.isNaN(seconds)) return '—';
	if (seconds < 45) return 'just now';
	if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
	if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
	return `${Math.round(seconds / 86400)} d ago`;
}

/** A local date and time for a title or a table, e.g. "2026-12-03 15:04:05". */
export function when(iso: string | null | undefined): string {
	if (!iso) return '';
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function shortHash(hash: string | null | undefined): string {
	return hash ? hash.slice(0, 10) : '';
}

/** Microseconds as "850 µs", "12.3 ms" or "1.20 s". */
export function duration(us: number): string {
	if (us < 1000) return `${us} µs`;
	if (us < 1_000_000) return `${(us / 1000).toFixed(us < 10_000 ? 2 : 1)} ms`;
	return `${(us / 1_000_000).toFixed(2)} s`;
}
