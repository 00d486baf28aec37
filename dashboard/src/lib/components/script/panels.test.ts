import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';

const api = vi.hoisted(() => ({ GET: vi.fn(), PUT: vi.fn(), DELETE: vi.fn(), PATCH: vi.fn() }));
vi.mock('$lib/api/client', async (original) => ({ ...(await original<object>()), api }));
vi.mock('$app/navigation', () => ({ goto: vi.fn() }));

import SecretsPanel from './SecretsPanel.svelte';
import SettingsPanel from './SettingsPanel.svelte';
import KvPanel from './KvPanel.svelte';

const ok = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });
const settings = { script: 'shop', kvNamespace: 'shop', allowHosts: null, config: { channel: '#orders' } };

beforeEach(() => {
	Object.values(api).forEach((f) => f.mockReset());
	vi.spyOn(window, 'confirm').mockReturnValue(true);
	api.GET.mockImplementation((path: string) => {
		if (path === '/scripts/{name}/secrets') return ok({ script: 'shop', secrets: [{ name: 'API_KEY', updatedAt: '2026-12-03T10:00:00Z' }] });
		if (path === '/scripts/{name}/settings') return ok(settings);
		if (path === '/kv/{namespace}') {
			return ok({ namespace: 'shop', prefix: '', limit: 100, entries: [
				{ key: 'cart:1', value: { items: [1, 2] }, expiresAt: null, updatedAt: '2026-12-03T10:00:00Z' }
			] });
		}
		throw new Error('unexpected ' + path);
	});
});
afterEach(() => {
	cleanup();
	vi.restoreAllMocks();
});

describe('SecretsPanel', () => {
	it('lists names only, sets a value as text and deletes', async () => {
		api.PUT.mockReturnValue(ok({ name: 'API_KEY', updatedAt: null }));
		api.DELETE.mockReturnValue(ok(undefined, 204));
		render(SecretsPanel, { name: 'shop', editable: true });
		const table = await screen.findByRole('table', { name: 'Secrets' });
		expect(within(table).getByText('API_KEY')).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Replace API_KEY' }));
		expect(screen.getByLabelText('Secret name')).toHaveValue('API_KEY');
		expect(screen.getByLabelText('Secret value')).toHaveAttribute('type', 'password');
		await fireEvent.input(screen.getByLabelText('Secret value'), { target: { value: 'v@lue' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Save secret' }));
		expect(await screen.findByText('API_KEY replaced.')).toBeInTheDocument();
		const [path, init] = api.PUT.mock.calls[0];
		expect(path).toBe('/scripts/{name}/secrets/{key}');
		expect(init.params.path).toEqual({ name: 'shop', key: 'API_KEY' });
		expect(init.bodySerializer(init.body)).toBe('v@lue');
		await fireEvent.click(screen.getByRole('button', { name: 'Delete API_KEY' }));
		await waitFor(() => expect(api.DELETE).toHaveBeenCalled());
	});

	it('refuses a bad name before asking the server', async () => {
		render(SecretsPanel, { name: 'shop', editable: true });
		await screen.findByRole('table', { name: 'Secrets' });
		await fireEvent.input(screen.getByLabelText('Secret name'), { target: { value: 'lower' } });
		await fireEvent.input(screen.getByLabelText('Secret value'), { target: { value: 'x' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Save secret' }));
		expect(screen.getByRole('alert')).toHaveTextContent('A secret name is 1 to 64 of A-Z, 0-9 and _');
		expect(api.PUT).not.toHaveBeenCalled();
	});
});

describe('SettingsPanel', () => {
	it('validates the config before PUT and saves a JSON object', async () => {
		api.PUT.mockImplementation((path: string, init: { body: unknown }) => ok(path.endsWith('/config') ? init.body : settings));
		render(SettingsPanel, { name: 'shop', editable: true });
		const config = await screen.findByLabelText('Config (JSON)');
		expect((config as HTMLTextAreaElement).value).toContain('"channel": "#orders"');
		await fireEvent.input(config, { target: { value: '[1, 2]' } });
		expect(screen.getByRole('button', { name: 'Save config' })).toBeDisabled();
		expect(config).toHaveAttribute('aria-invalid', 'true');
		await fireEvent.input(config, { target: { value: '{"channel": "#ops"}' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Save config' }));
		expect(await screen.findByText(/Config saved/)).toBeInTheDocument();
		expect(api.PUT).toHaveBeenCalledWith('/scripts/{name}/config', { params: { path: { name: 'shop' } }, body: { channel: '#ops' } });
	});

	it('sends the namespace and host list, empty meaning the defaults', async () => {
		api.PUT.mockReturnValue(ok(settings));
		render(SettingsPanel, { name: 'shop', editable: true });
		await fireEvent.input(await screen.findByLabelText('Allowed hosts'), { target: { value: 'API.example.com\n*.example.org' } });
		await fireEvent.input(screen.getByLabelText('KV namespace'), { target: { value: '' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
		await waitFor(() =>
			expect(api.PUT).toHaveBeenCalledWith('/scripts/{name}/settings', {
				params: { path: { name: 'shop' } },
				body: { kvNamespace: null, allowHosts: ['api.example.com', '*.example.org'] }
			})
		);
	});

	it('shows the settings read-only without a form', async () => {
		render(SettingsPanel, { name: 'shop', editable: false });
		expect(await screen.findByLabelText('Config (JSON)')).toHaveTextContent('"channel": "#orders"');
		expect(screen.queryByRole('textbox')).toBeNull();
		expect(screen.queryByRole('button')).toBeNull();
	});
});

describe('KvPanel', () => {
	it('lists entries, shows a value and deletes one', async () => {
		api.DELETE.mockReturnValue(ok(undefined, 204));
		render(KvPanel, { namespace: 'shop', editable: true });
		const table = await screen.findByRole('table', { name: 'KV entries' });
		expect(within(table).getByText('cart:1')).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'View cart:1' }));
		expect(screen.getByLabelText('Value of cart:1').textContent).toBe(JSON.stringify({ items: [1, 2] }, null, 2));
		await fireEvent.click(screen.getByRole('button', { name: 'Delete cart:1' }));
		await waitFor(() =>
			expect(api.DELETE).toHaveBeenCalledWith('/kv/{namespace}/{key}', { params: { path: { namespace: 'shop', key: 'cart:1' } } })
		);
	});

	it('offers no delete to those who may not change the script', async () => {
		render(KvPanel, { namespace: 'shop', editable: false });
		await screen.findByRole('table', { name: 'KV entries' });
		expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
	});
});
