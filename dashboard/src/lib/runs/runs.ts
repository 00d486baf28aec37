// Queued runs and dead letters: the list's filters as the page URL holds them, the JSON payload a person types, and
// the words for where a run stands.
import type { Schemas } from '$lib/api/client';

export const STATUSES = ['queued', 'running', 'failed', 'succeeded', 'dead'] as const;
export type RunStatus = (typeof STATUSES)[number];

export interface RunFilters {
	script: string;
	/** '' for every status. */
	status: RunStatus | '';
}

/** The filters a page URL names (`/runs?script=hello&status=dead`); an unknown status is no filter. */
export function runFilters(params: URLSearchParams): RunFilters {
	const status = params.get('status')?.trim() ?? '';
	return {
		script: params.get('script')?.trim() ?? '',
		status: (STATUSES as readonly string[]).includes(status) ? (status as RunStatus) : ''
	};
}

/** The page URL's query for the filters, `?` included; '' for none. */
export function runSearch(f: RunFilters): string {
	const p = new URLSearchParams();
	if (f.script.trim()) p.set('script', f.script.trim());
	if (f.status) p.set('status', f.status);
	const s = p.toString();
	return s ? '?' + s : '';
}

/**
 * A payload typed into a textarea: a JSON object (what the script sees as `event`); empty text is `{}`. Anything
 * else is refused here, before a request is sent, with what is wrong.
 */
export function parsePayload(text: string): { value: Record<string, unknown> } | { error: string } {
	let value: unknown;
	try {
		value = JSON.parse(text.trim() === '' ? '{}' : text);
	} catch (e) {
		return { error: 'not JSON: ' + (e instanceof Error ? e.message : String(e)) };
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return { error: 'the payload must be a JSON object, e.g. {"order": 42}' };
	}
	return { value: value as Record<string, unknown> };
}

/** A JSON value pretty-printed for a `<pre>`. */
export function pretty(value: unknown): string {
	return value === undefined ? '' : JSON.stringify(value, null, 2);
}

/** "2 of 3" attempts. */
export function attemptsText(r: { attempts: number; maxAttempts: number }): string {
	return `${r.attempts} of ${r.maxAttempts}`;
}

/** The editor at the error's line (`/scripts/{name}?line=&column=`), or the script when the error has no position. */
export function errorLink(script: string, error: Schemas['RunError'] | null | undefined): string {
	const base = `/scripts/${encodeURIComponent(script)}`;
	return error && error.line > 0 ? `${base}?line=${error.line}&column=${error.column > 0 ? error.column : 1}` : base;
}

/** Where an error is, for the reader: " at line 3, column 7", or '' when it has no position. */
export function errorPlace(error: Schemas['RunError'] | null | undefined): string {
	return error && error.line > 0 ? ` at line ${error.line}, column ${error.column > 0 ? error.column : 1}` : '';
}
