// The sources of a script's versions this browser has seen, by hash (the REST API lists versions without their
// sources; GET /scripts/{name}/versions/{version} answers one). A version never changes, so the versions diff asks
// the server for each source once and keeps it here.

const PREFIX = 'picloud.sources.';
/** Sources kept per script; older ones are dropped first. */
export const SOURCES_KEPT = 30;

interface Stored {
	hash: string;
	source: string;
}

export class SourceCache {
	constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage) {}

	private read(script: string): Stored[] {
		try {
			const v = JSON.parse(this.storage.getItem(PREFIX + script) ?? '[]');
			return Array.isArray(v) ? v.filter((e) => typeof e?.hash === 'string' && typeof e?.source === 'string') : [];
		} catch {
			return [];
		}
	}

	remember(script: string, hash: string, source: string): void {
		let list = [{ hash, source }, ...this.read(script).filter((e) => e.hash !== hash)].slice(0, SOURCES_KEPT);
		// a full storage drops the oldest sources until the list fits (or nothing is kept)
		while (list.length > 0) {
			try {
				this.storage.setItem(PREFIX + script, JSON.stringify(list));
				return;
			} catch {
				list = list.slice(0, list.length - 1);
			}
		}
	}

	get(script: string, hash: string): string | null {
		return this.read(script).find((e) => e.hash === hash)?.source ?? null;
	}
}
