// The scripts list: the scripts joined with their last 24 hours of calls, and the search over them.
import type { Schemas } from '$lib/api/client';

export interface ScriptRow {
	name: string;
	activeVersion: number;
	latestVersion: number;
	owner: string | null;
	access: string | null;
	updatedAt: string;
	/** null when the statistics could not be read. */
	calls: number | null;
	errors: number | null;
	lastCall: string | null;
	/** Calls per hour, oldest first (24 values; empty without statistics). */
	hourly: number[];
}

export function mergeStats(scripts: Schemas['ScriptItem'][], stats: Schemas['ScriptStats'][] | null): ScriptRow[] {
	const byName = new Map((stats ?? []).map((s) => [s.name, s]));
	return scripts.map((s) => {
		const st = byName.get(s.name);
		return {
			name: s.name,
			activeVersion: s.activeVersion,
			latestVersion: s.latestVersion,
			owner: s.owner,
			access: s.access,
			updatedAt: s.updatedAt,
			calls: stats ? (st?.calls ?? 0) : null,
			errors: stats ? (st?.errors ?? 0) : null,
			lastCall: st?.lastCall ?? null,
			hourly: st ? st.hourly.map((h) => h.calls) : stats ? new Array(24).fill(0) : []
		};
	});
}

/**
 * The rows matching a search: every word of it must occur in the name or the owner (case-insensitive);
 * `owner:bob` and `access:key` match those fields exactly.
 */
export function filterScripts(rows: ScriptRow[], query: string): ScriptRow[] {
	const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return rows;
	return rows.filter((r) =>
		words.every((w) => {
			const field = /^(owner|access):(.*)$/.exec(w);
			if (field) return (r[field[1] as 'owner' | 'access'] ?? '').toLowerCase() === field[2];
			return r.name.includes(w) || (r.owner ?? '').toLowerCase().includes(w);
		})
	);
}
