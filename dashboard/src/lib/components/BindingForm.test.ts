import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';

const server = await vi.hoisted(() => import('$lib/testing/fake-server').then((m) => m.install()));

import BindingForm from './BindingForm.svelte';
import { json } from '$lib/testing/fake-server';

afterEach(() => {
	cleanup();
	server.calls.length = 0;
});


const types = [
	{
		id: 'cron',
		label: 'Schedule',
		description: 'Runs on a schedule',
		schema: {
			type: 'object',
			required: ['schedule'],
			properties: { schedule: { type: 'string' }, timezone: { type: 'string', default: 'UTC' } }
		}
	},
	{ id: 'http', label: 'HTTP route', description: null, schema: { type: 'object', properties: { path: { type: 'string' } } } }
];

describe('BindingForm', () => {
	it('posts the binding and shows a 422 at the config field it names', async () => {
		server.answer((method, url) => {
			if (url.endsWith('/next-fires')) return json(200, { timeZone: 'UTC', fires: ['2026-12-03T15:00:00Z'] });
			return json(422, {
				error: { code: 'invalid_config', message: 'config.schedule: bad minute field', field: 'config.schedule' }
			});
		});
		const onsaved = vi.fn();
		render(BindingForm, { types, scripts: ['nightly'], script: 'nightly', onsaved, oncancel: () => {} });
		expect(screen.getByRole('combobox', { name: 'Script' })).toHaveValue('nightly');
		await fireEvent.input(screen.getByRole('textbox', { name: /^Schedule/ }), { target: { value: '99 * * * *' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Add trigger' }));
		await waitFor(() => expect(screen.getByRole('textbox', { name: /^Schedule/ })).toHaveAttribute('aria-invalid', 'true'));
		expect(screen.getByRole('textbox', { name: /^Schedule/ })).toHaveAccessibleDescription('Schedule bad minute field');
		const post = server.calls.find((c) => c.method === 'POST' && c.url === '/api/v1/triggers');
		expect(post?.body).toEqual({ type: 'cron', script: 'nightly', config: { schedule: '99 * * * *', timezone: 'UTC' }, enabled: true });
		expect(onsaved).not.toHaveBeenCalled();
	});

	it('previews the next fire times of the unsaved schedule', async () => {
		server.answer(() => json(200, { timeZone: 'Asia/Tokyo', fires: ['2026-12-04T00:00:00+09:00'] }));
		render(BindingForm, { types, scripts: ['nightly'], onsaved: () => {}, oncancel: () => {} });
		await fireEvent.input(screen.getByRole('textbox', { name: /^Schedule/ }), { target: { value: '@daily' } });
		const list = await screen.findByRole('list', { name: 'Would fire next (Asia/Tokyo)' }, { timeout: 2000 });
		expect(list.querySelectorAll('li')).toHaveLength(1);
		const preview = server.calls.find((c) => c.url === '/api/v1/trigger-types/cron/next-fires');
		expect(preview?.body).toEqual({ config: { schedule: '@daily', timezone: 'UTC' }, count: 5 });
	});

	it('shows a refused preview at the field it names', async () => {
		server.answer(() =>
			json(422, { error: { code: 'invalid_config', message: "config.timezone: 'Mars/Olympus' is not an IANA time zone", field: 'config.timezone' } })
		);
		render(BindingForm, { types, scripts: ['nightly'], onsaved: () => {}, oncancel: () => {} });
		await fireEvent.input(screen.getByRole('textbox', { name: /^Schedule/ }), { target: { value: '@daily' } });
		await fireEvent.input(screen.getByRole('textbox', { name: 'Timezone' }), { target: { value: 'Mars/Olympus' } });
		await waitFor(() => expect(screen.getByRole('textbox', { name: 'Timezone' })).toHaveAttribute('aria-invalid', 'true'), { timeout: 2000 });
		expect(screen.getByRole('textbox', { name: 'Timezone' })).toHaveAccessibleDescription("Timezone 'Mars/Olympus' is not an IANA time zone");
		expect(screen.getByText(/Would fire next: not with these settings/)).toBeInTheDocument();
	});

	it('refuses to send without a script and says so at the script', async () => {
		render(BindingForm, { types, scripts: ['nightly'], onsaved: () => {}, oncancel: () => {} });
		await fireEvent.click(screen.getByRole('button', { name: 'Add trigger' }));
		expect(screen.getByRole('combobox', { name: 'Script' })).toHaveAccessibleDescription('Choose a script');
		expect(server.calls.filter((c) => c.url === '/api/v1/triggers')).toHaveLength(0);
	});
});
