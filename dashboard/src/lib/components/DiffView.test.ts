import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import DiffView from './DiffView.svelte';

afterEach(cleanup);

describe('DiffView', () => {
	it('shows a table of the changed lines with their signs and numbers', () => {
		render(DiffView, { older: 'let a = 1;\na\n', newer: 'let a = 2;\na\n', caption: 'version 1 → version 2' });
		const table = screen.getByRole('table', { name: /version 1 → version 2: 1 line added, 1 removed/ });
		const rows = within(table).getAllByRole('row');
		const cells = rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
		expect(cells).toEqual([
			['Old', 'New', 'Change', 'Line'],
			['1', '', '-removed', 'let a = 1;'],
			['', '1', '+added', 'let a = 2;'],
			['2', '2', ' unchanged', 'a']
		]);
		expect(within(rows[1]).getByText('removed')).toBeInTheDocument();
	});

	it('folds long unchanged stretches and says when nothing changed', () => {
		const long = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
		render(DiffView, { older: long, newer: long.replace('line 10', 'line ten'), caption: 'a → b', around: 2 });
		expect(screen.getAllByText(/unchanged lines/).map((e) => e.textContent)).toEqual([
			'… 8 unchanged lines',
			'… 7 unchanged lines'
		]);
	});

	it('says when both texts are the same', () => {
		render(DiffView, { older: 'x', newer: 'x', caption: 'same' });
		expect(screen.getByText('The two versions are the same.')).toBeInTheDocument();
	});
});
