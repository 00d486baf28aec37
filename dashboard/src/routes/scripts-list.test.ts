import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';

const api = vi.hoisted(() => ({ GET: vi.fn() }));
vi.mock('$lib/api/client', async (original) => ({ ...(await original<object>()), api }));

import ScriptsPage from './+page.svelte';
import { session } from '$lib/stores/session.svelte';

const item = (name: string, owner: string) => ({
	name, owner, access: 'public', activeVersion: 1, latestVersion: 1, activeHash: 'h', updatedAt: '2026-12-03T10:00:00Z'
});

function serve(stats: boolean) {
	api.GET.mockImplementation((path: string) => {
		if (path === '/scripts') {
			return Promise.resolve({ data: { scripts: [item('hello', 'alice'), item('orders', 'bob'), item('shop', 'bob')] }, response: new Response(null, { status: 200 }) });
		}
		if (path === '/stats/scripts' && stats) {
			return Promise.resolve({ data: { since: '', scripts: [{ name: 'hello', calls: 7, errors: 1, lastCall: null, hourly: [] }] }, response: new Response(null, { status: 200 }) });
		}
		return Promise.resolve({ error: { error: { code: 'not_found', message: 'no' } }, response: new Response(null, { status: 404 }) });
	});
}

afterEach(() => {
	cleanup();
	session.set(null, null);
});

describe('the scripts page', () => {
	it('lists the scripts and narrows them by the search', async () => {
		serve(true);
		session.set({ id: 1, username: 'bob', role: 'developer', active: true, createdAt: '', hasPassword: true }, null);
		render(ScriptsPage);
		expect(await screen.findByRole('link', { name: 'hello' })).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'New script' })).toHaveAttribute('href', '/new-script');
		expect(screen.getByText('3 scripts')).toBeInTheDocument();
		await fireEvent.input(screen.getByLabelText('Search scripts'), { target: { value: 'bob' } });
		expect(screen.queryByRole('link', { name: 'hello' })).toBeNull();
		expect(screen.getByRole('link', { name: 'orders' })).toBeInTheDocument();
		expect(screen.getByText('2 of 3 scripts')).toBeInTheDocument();
		await fireEvent.input(screen.getByLabelText('Search scripts'), { target: { value: 'zzz' } });
		expect(screen.getByText('No script matches “zzz”.')).toBeInTheDocument();
	});

	it('offers no New script to viewers and lists without statistics when they are missing', async () => {
		serve(false);
		session.set({ id: 2, username: 'val', role: 'viewer', active: true, createdAt: '', hasPassword: true }, null);
		render(ScriptsPage);
		expect(await screen.findByRole('link', { name: 'shop' })).toBeInTheDocument();
		expect(screen.queryByRole('link', { name: 'New script' })).toBeNull();
		expect(screen.getByRole('status')).toHaveTextContent('call statistics could not be read');
	});
});
