import { describe, expect, it } from 'vitest';
import { diffCounts, lineDiff } from './diff';

describe('lineDiff', () => {
	it('numbers unchanged, removed and added lines on their own side', () => {
		const rows = lineDiff('a\nb\nc\n', 'a\nB\nc\nd\n');
		expect(rows).toEqual([
			{ sign: ' ', oldLine: 1, newLine: 1, text: 'a' },
			{ sign: '-', oldLine: 2, newLine: null, text: 'b' },
			{ sign: '+', oldLine: null, newLine: 2, text: 'B' },
			{ sign: ' ', oldLine: 3, newLine: 3, text: 'c' },
			{ sign: '+', oldLine: null, newLine: 4, text: 'd' }
		]);
		expect(diffCounts(rows)).toEqual({ added: 2, removed: 1 });
	});

	it('keeps empty lines and texts without a final newline', () => {
		const rows = lineDiff('x\n\ny', 'x\n\ny');
		expect(rows.map((r) => r.text)).toEqual(['x', '', 'y']);
		expect(diffCounts(rows)).toEqual({ added: 0, removed: 0 });
	});

	it('diffs against an empty text', () => {
		expect(lineDiff('', 'one\ntwo')).toEqual([
			{ sign: '+', oldLine: null, newLine: 1, text: 'one' },
			{ sign: '+', oldLine: null, newLine: 2, text: 'two' }
		]);
	});
});
