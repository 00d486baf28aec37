import { describe, expect, it } from 'vitest';
import { fromSearch, matches, noFilters, streamUrl, toQuery, toSearch } from './filters';

describe('invocation filters', () => {
	it('reads the page URL and writes back only what is set', () => {
		const f = fromSearch(new URLSearchParams('script=hello&status=error&junk=1'));
		expect(f).toEqual({ ...noFilters, script: 'hello', status: 'error' });
		expect(toSearch(f)).toBe('?script=hello&status=error');
		expect(toSearch(noFilters)).toBe('');
	});

	it('makes the API query with instants for the time bounds, a limit and the id to page after', () => {
		const since = '2026-12-03T10:00';
		const q = toQuery({ script: 'hello', status: '', trigger: 'cron', since, until: '' }, 50, '12.3');
		expect(q).toEqual({ script: 'hello', trigger: 'cron', since: new Date(since).toISOString(), limit: 50, before: '12.3' });
		expect(toQuery(noFilters, 25)).toEqual({ limit: 25 });
		expect(toQuery({ ...noFilters, since: 'garbage' }, 25)).toEqual({ limit: 25 });
	});

	it('decides which live runs belong in the filtered table', () => {
		const run = { script: 'a', status: 'ok', trigger: 'http', startedAt: '2026-12-03T10:30:00Z' };
		expect(matches(noFilters, run)).toBe(true);
		expect(matches({ ...noFilters, script: 'b' }, run)).toBe(false);
		expect(matches({ ...noFilters, status: 'error' }, run)).toBe(false);
		expect(matches({ ...noFilters, trigger: 'http' }, run)).toBe(true);
		expect(matches({ ...noFilters, until: '2026-12-02T00:00' }, run)).toBe(false);
		expect(matches({ ...noFilters, since: '2026-12-02T00:00', until: '2026-12-05T00:00' }, run)).toBe(true);
	});

	it('streams one script or all', () => {
		expect(streamUrl('')).toBe('/api/v1/invocations/stream');
		expect(streamUrl('my script')).toBe('/api/v1/invocations/stream?script=my%20script');
	});
});
