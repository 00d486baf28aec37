// The invocation table's filters: read from and written to the page's URL (so a filtered view is a link), turned
// into GET /invocations' query parameters, and applied to runs the live tail brings.

export interface InvocationFilters {
	script: string;
	status: string;
	trigger: string;
	/** `datetime-local` text (the browser's zone), as the inputs hold it; '' for no bound. */
	since: string;
	until: string;
}

export const noFilters: InvocationFilters = { script: '', status: '', trigger: '', since: '', until: '' };

const KEYS = ['script', 'status', 'trigger', 'since', 'until'] as const;

/** The filters a page URL names (`/invocations?script=hello&status=error`). */
export function fromSearch(params: URLSearchParams): InvocationFilters {
	const f = { ...noFilters };
	for (const k of KEYS) f[k] = params.get(k)?.trim() ?? '';
	return f;
}

/** The page URL's query for the filters: only those set, `?` included; '' for none. */
export function toSearch(f: InvocationFilters): string {
	const p = new URLSearchParams();
	for (const k of KEYS) if (f[k].trim()) p.set(k, f[k].trim());
	const s = p.toString();
	return s ? '?' + s : '';
}

/** A `datetime-local` text as an ISO-8601 instant; undefined when empty or not a time. */
export function instant(local: string): string | undefined {
	if (!local.trim()) return undefined;
	const d = new Date(local);
	return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export interface ApiQuery {
	script?: string;
	status?: string;
	trigger?: string;
	since?: string;
	until?: string;
	limit: number;
	before?: string;
}

/** GET /invocations' query: the filters set, times as instants, a page size and the id the page starts after. */
export function toQuery(f: InvocationFilters, limit: number, before?: string): ApiQuery {
	const q: ApiQuery = { limit };
	if (f.script.trim()) q.script = f.script.trim();
	if (f.status.trim()) q.status = f.status.trim();
	if (f.trigger.trim()) q.trigger = f.trigger.trim();
	const since = instant(f.since);
	const until = instant(f.until);
	if (since) q.since = since;
	if (until) q.until = until;
	if (before) q.before = before;
	return q;
}

/** Whether a run the live tail brings belongs in the filtered table. */
export function matches(f: InvocationFilters, run: { script: string; status: string; trigger: string; startedAt: string }): boolean {
	if (f.script.trim() && run.script !== f.script.trim()) return false;
	if (f.status.trim() && run.status !== f.status.trim()) return false;
	if (f.trigger.trim() && run.trigger !== f.trigger.trim()) return false;
	const t = Date.parse(run.startedAt);
	const since = instant(f.since);
	const until = instant(f.until);
	if (since && t < Date.parse(since)) return false;
	if (until && t >= Date.parse(until)) return false;
	return true;
}

/** The stream URL for the live tail of one script, or of every readable script. */
export function streamUrl(script: string): string {
	return '/api/v1/invocations/stream' + (script.trim() ? '?script=' + encodeURIComponent(script.trim()) : '');
}
