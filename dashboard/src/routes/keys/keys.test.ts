import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';

const server = await vi.hoisted(() => import('$lib/testing/fake-server').then((m) => m.install()));

import KeysPage from './+page.svelte';
import { json } from '$lib/testing/fake-server';
import { session } from '$lib/stores/session.svelte';

afterEach(() => {
	cleanup();
	server.calls.length = 0;
});

const key = (id: number, name: string, revoked = false) => ({
	id, name, username: 'dev', role: 'developer', prefix: 'pc_abc' + id, createdAt: '2026-12-03T10:00:00Z',
	expiresAt: null, lastUsedAt: null, revoked, scripts: []
});

describe('the keys page', () => {
	it('shows a new key once, with a copy button and a warning, and revokes after a confirmation', async () => {
		let keys = [key(1, 'laptop')];
		server.answer((method, url, body) => {
			if (method === 'GET') return json(200, { keys });
			if (method === 'POST') {
				const b = body as { name: string; role?: string };
				keys = [...keys, key(2, b.name)];
				return json(201, { ...key(2, b.name), key: 'pc_secret-value', role: b.role ?? 'developer' });
			}
			keys = keys.map((k) => (url.endsWith('/1') ? { ...k, revoked: true } : k));
			return json(204, null);
		});
		const writeText = vi.fn().mockResolvedValue(undefined);
		Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
		session.set({ id: 7, username: 'dev', role: 'developer', active: true, createdAt: '', hasPassword: true }, 'token');
		render(KeysPage);

		const table = await screen.findByRole('table', { name: 'API keys' });
		await within(table).findByText('laptop');
		expect(within(screen.getByLabelText('Role')).getAllByRole('option').map((o) => o.textContent)).toEqual([
			'My role (developer)', 'developer', 'viewer'
		]);

		await fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'ci' } });
		await fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'viewer' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
		const shown = await screen.findByRole('textbox', { name: 'New key' });
		expect(shown).toHaveValue('pc_secret-value');
		expect(screen.getByText("Copy it now: it won't be shown again.")).toBeInTheDocument();
		expect(server.calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'ci', role: 'viewer' });

		await fireEvent.click(screen.getByRole('button', { name: 'Copy key' }));
		expect(writeText).toHaveBeenCalledWith('pc_secret-value');
		expect(await screen.findByText('Copied to the clipboard.')).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Done' }));
		expect(screen.queryByRole('textbox', { name: 'New key' })).toBeNull();

		const row = within(table).getByText('laptop').closest('tr')!;
		await fireEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
		expect(server.calls.some((c) => c.method === 'DELETE')).toBe(false);
		await fireEvent.click(within(row).getByRole('button', { name: 'Yes, revoke' }));
		await waitFor(() => expect(within(row).getByText('revoked')).toBeInTheDocument());
		expect(server.calls.find((c) => c.method === 'DELETE')?.url).toBe('/api/v1/keys/1');
	});

	it('refuses an expiry in the past before asking the server', async () => {
		server.answer(() => json(200, { keys: [] }));
		render(KeysPage);
		await fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'old' } });
		await fireEvent.input(screen.getByLabelText('Expires'), { target: { value: '2000-01-01T00:00' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
		expect(screen.getByRole('alert')).toHaveTextContent('The expiry must be a time in the future.');
		expect(server.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
	});
});
