// A line diff between two versions of a script, as rows a table can show (line numbers on both sides).
import { diffLines } from 'diff';

export interface DiffRow {
	/** '+' added in the newer text, '-' removed from the older, ' ' unchanged. */
	sign: '+' | '-' | ' ';
	/** The line's number in the older text (null for an added line). */
	oldLine: number | null;
	/** The line's number in the newer text (null for a removed line). */
	newLine: number | null;
	text: string;
}

function lines(value: string): string[] {
	const parts = value.split('\n');
	if (parts.at(-1) === '') parts.pop();
	return parts;
}

export function lineDiff(older: string, newer: string): DiffRow[] {
	const rows: DiffRow[] = [];
	let o = 1;
	let n = 1;
	for (const change of diffLines(older, newer)) {
		for (const text of lines(change.value)) {
			if (change.added) {
				rows.push({ sign: '+', oldLine: null, newLine: n++, text });
			} else if (change.removed) {
				rows.push({ sign: '-', oldLine: o++, newLine: null, text });
			} else {
				rows.push({ sign: ' ', oldLine: o++, newLine: n++, text });
			}
		}
	}
	return rows;
}

/** How many lines were added and removed. */
export function diffCounts(rows: DiffRow[]): { added: number; removed: number } {
	return {
		added: rows.filter((r) => r.sign === '+').length,
		removed: rows.filter((r) => r.sign === '-').length
	};
}
