import { describe, expect, it } from 'vitest';
import { Text } from '@codemirror/state';
import { diagnosticsFor, positionOf } from './editor';

const doc = Text.of(['let a = 1;', 'let bee = a +;', '']);

describe('positionOf', () => {
	it('turns a 1-based line and column into an offset', () => {
		expect(positionOf(doc, 1, 1)).toBe(0);
		expect(positionOf(doc, 2, 5)).toBe(11 + 4);
	});

	it('clamps positions outside the document', () => {
		expect(positionOf(doc, 9, 1)).toBe(doc.length);
		expect(positionOf(doc, 1, 99)).toBe(10);
		expect(positionOf(doc, 0, 0)).toBe(0);
	});
});

describe('diagnosticsFor', () => {
	it('marks the word at each problem and keeps its position in the message', () => {
		const [d, e] = diagnosticsFor(doc, [
			{ line: 2, column: 5, message: 'unused' },
			{ line: 2, column: 14, message: 'expression expected' }
		]);
		expect(doc.sliceString(d.from, d.to)).toBe('bee');
		expect(d.severity).toBe('error');
		expect(d.message).toBe('2:5 unused');
		expect(doc.sliceString(e.from, e.to)).toBe(';');
	});
});
