import { describe, expect, it } from 'vitest';
import { attemptsText, errorLink, errorPlace, parsePayload, runFilters, runSearch } from './runs';

describe('run filters', () => {
	it('reads the script and a known status from the URL and writes them back', () => {
		const f = runFilters(new URLSearchParams('script=hello&status=dead'));
		expect(f).toEqual({ script: 'hello', status: 'dead' });
		expect(runSearch(f)).toBe('?script=hello&status=dead');
		expect(runSearch({ script: ' ', status: '' })).toBe('');
	});

	it('takes an unknown status as no filter', () => {
		expect(runFilters(new URLSearchParams('status=ok'))).toEqual({ script: '', status: '' });
	});
});

describe('parsePayload', () => {
	it('accepts a JSON object, and empty text as {}', () => {
		expect(parsePayload('{"order": 42}')).toEqual({ value: { order: 42 } });
		expect(parsePayload('  ')).toEqual({ value: {} });
	});

	it('refuses text that is not JSON, and JSON that is not an object', () => {
		expect(parsePayload('{order: 42}')).toMatchObject({ error: expect.stringMatching(/^not JSON: /) });
		for (const t of ['[1]', '42', 'null', '"x"']) {
			expect(parsePayload(t)).toEqual({ error: 'the payload must be a JSON object, e.g. {"order": 42}' });
		}
	});
});

describe('run errors and attempts', () => {
	it('links an error with a position to its line in the editor, else to the script', () => {
		expect(errorLink('hello', { kind: 'ErrorRuntime', message: 'boom', line: 3, column: 7 })).toBe('/scripts/hello?line=3&column=7');
		expect(errorLink('hello', { kind: 'ErrorRuntime', message: 'boom', line: 3, column: 0 })).toBe('/scripts/hello?line=3&column=1');
		expect(errorLink('hello', { kind: 'NodeLost', message: 'gone', line: 0, column: 0 })).toBe('/scripts/hello');
		expect(errorPlace({ kind: 'ErrorRuntime', message: '', line: 3, column: 7 })).toBe(' at line 3, column 7');
		expect(errorPlace(null)).toBe('');
		expect(attemptsText({ attempts: 2, maxAttempts: 3 })).toBe('2 of 3');
	});
});
