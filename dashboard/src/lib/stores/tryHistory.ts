// The last requests tried on each script ("Try it"), kept in the browser's localStorage so they can be run again.

export interface TryRequest {
	method: string;
	path: string;
	query: string;
	headers: Record<string, string>;
	body: string;
}

export interface TryEntry {
	request: TryRequest;
	/** When it was last run (ISO-8601). */
	at: string;
	/** The status it answered the last time, when it ran. */
	status: number | null;
}

export const HISTORY_SIZE = 10;
const PREFIX = 'picloud.try.';

function same(a: TryRequest, b: TryRequest): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

function valid(e: unknown): e is TryEntry {
	const r = (e as TryEntry | null)?.request;
	return r != null && typeof r.method === 'string' && typeof r.path === 'string' && typeof r.query === 'string'
		&& typeof r.body === 'string' && typeof r.headers === 'object' && r.headers !== null;
}

export class TryHistory {
	constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = localStorage) {}

	/** The script's requests, newest first; an unreadable entry (an old format, a hand edit) is left out. */
	list(script: string): TryEntry[] {
		try {
			const parsed = JSON.parse(this.storage.getItem(PREFIX + script) ?? '[]');
			return Array.isArray(parsed) ? parsed.filter(valid).slice(0, HISTORY_SIZE) : [];
		} catch {
			return [];
		}
	}

	/** Records a run: first in the list, an identical earlier request dropped, at most HISTORY_SIZE kept. */
	add(script: string, request: TryRequest, status: number | null, at: Date = new Date()): TryEntry[] {
		const entry: TryEntry = { request, at: at.toISOString(), status };
		const list = [entry, ...this.list(script).filter((e) => !same(e.request, request))].slice(0, HISTORY_SIZE);
		try {
			this.storage.setItem(PREFIX + script, JSON.stringify(list));
		} catch {
			// storage full or disabled (private mode): the history is only lost, the run itself is not
		}
		return list;
	}

	clear(script: string): void {
		this.storage.removeItem(PREFIX + script);
	}
}

/** A one-line summary of a request for the history list, e.g. "POST /orders?x=1". */
export function describeRequest(r: TryRequest): string {
	const path = r.path.startsWith('/') || r.path === '' ? r.path : '/' + r.path;
	return `${r.method} ${path || '/'}${r.query ? '?' + r.query.replace(/^\?/, '') : ''}`;
}
