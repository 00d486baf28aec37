import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import ScriptsTable from './ScriptsTable.svelte';
import { mergeStats } from '$lib/scripts/list';

const hourly = Array.from({ length: 24 }, (_, i) => ({ start: '', calls: i % 3, errors: 0 }));
const rows = mergeStats(
	[
		{ name: 'hello', owner: 'alice', access: 'public', activeVersion: 2, latestVersion: 3, activeHash: 'h', updatedAt: '' },
		{ name: 'orders', owner: 'bob', access: 'key', activeVersion: 1, latestVersion: 1, activeHash: 'h', updatedAt: '' }
	],
	[{ name: 'hello', calls: 24, errors: 2, lastCall: '2026-12-03T11:55:00Z', hourly }]
);

afterEach(cleanup);

describe('ScriptsTable', () => {
	it('links each script to its editor and shows its version, owner, calls and errors', () => {
		render(ScriptsTable, { rows, now: new Date('2026-12-03T12:00:00Z') });
		expect(screen.getByRole('link', { name: 'hello' })).toHaveAttribute('href', '/scripts/hello');
		const hello = screen.getByRole('row', { name: /hello/ });
		const cells = within(hello).getAllByRole('cell').map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
		expect(cells.slice(0, 6)).toEqual(['v2 (latest v3)', 'alice', 'public', '5 min ago', '24', '2']);
		const orders = screen.getByRole('row', { name: /orders/ });
		expect(within(orders).getByText('API key')).toBeInTheDocument();
		expect(within(orders).getByText('never')).toBeInTheDocument();
	});

	it('draws the hourly calls as an image with a text alternative', () => {
		render(ScriptsTable, { rows });
		expect(screen.getByRole('img', { name: 'hello: 24 calls in the last 24 hours, per hour' })).toBeInTheDocument();
		expect(screen.getByRole('img', { name: 'orders: 0 calls in the last 24 hours, per hour' })).toBeInTheDocument();
	});
});
