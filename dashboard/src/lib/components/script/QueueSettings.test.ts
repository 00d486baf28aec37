import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';

const api = vi.hoisted(() => ({ GET: vi.fn(), PUT: vi.fn() }));
vi.mock('$lib/api/client', async (original) => ({ ...(await original<object>()), api }));
vi.mock('$app/navigation', () => ({ goto: vi.fn() }));

import SettingsPanel from './SettingsPanel.svelte';

const answer = (data: unknown, status = 200) =>
	Promise.resolve(status < 400 ? { data, response: new Response(null, { status }) } : { error: data, response: new Response(null, { status }) });
const settings = { script: 'shop', kvNamespace: 'shop', allowHosts: ['api.example.com'], config: {}, retry: null, rateLimit: null };

beforeEach(() => {
	Object.values(api).forEach((f) => f.mockReset());
	api.GET.mockReturnValue(answer(settings));
});
afterEach(cleanup);

describe('the retry policy and rate limit settings', () => {
	it('shows a 422 at the field it names', async () => {
		api.PUT.mockReturnValue(
			answer({ error: { code: 'invalid_retry_maxattempts', message: 'maxAttempts must be an integer from 1 to 20', field: 'retry.maxAttempts' } }, 422)
		);
		render(SettingsPanel, { name: 'shop', editable: true });
		const useDefault = await screen.findByRole('checkbox', { name: 'Use the default retry policy' });
		expect(useDefault).toBeChecked();
		const attempts = screen.getByRole('textbox', { name: 'Max attempts' });
		expect(attempts).toHaveValue('3');
		expect(attempts).toBeDisabled();
		expect(screen.getByRole('checkbox', { name: /Runtime errors/ })).toBeChecked();
		expect(screen.getByRole('checkbox', { name: /Compile errors/ })).not.toBeChecked();

		await fireEvent.click(useDefault);
		expect(attempts).toBeEnabled();
		await fireEvent.input(attempts, { target: { value: '50' } });
		await fireEvent.click(screen.getByRole('checkbox', { name: /Compile errors/ }));
		await fireEvent.click(screen.getByRole('checkbox', { name: /Node lost/ }));
		await fireEvent.input(screen.getByRole('textbox', { name: 'Calls per second' }), { target: { value: '5' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Save retries and rate limit' }));

		await waitFor(() => expect(attempts).toHaveAttribute('aria-invalid', 'true'));
		expect(attempts).toHaveAccessibleDescription('maxAttempts must be an integer from 1 to 20');
		expect(screen.getByRole('alert')).toHaveTextContent('Not saved: see the marked field.');
		expect(screen.getByRole('textbox', { name: 'Calls per second' })).not.toHaveAttribute('aria-invalid');
		expect(api.PUT).toHaveBeenCalledWith('/scripts/{name}/settings', {
			params: { path: { name: 'shop' } },
			body: {
				kvNamespace: null,
				allowHosts: ['api.example.com'],
				retry: { maxAttempts: 50, initialBackoffMillis: 1000, maxBackoffMillis: 300000, retryOn: ['runtime', 'timeout', 'unavailable', 'compile'] },
				rateLimit: { perSecond: 5 }
			}
		});
	});

	it('refuses what is not a number before asking, and saves the default policy and no limit as null', async () => {
		api.GET.mockReturnValue(answer({ ...settings, kvNamespace: 'shared', retry: { maxAttempts: 5, initialBackoffMillis: 10, maxBackoffMillis: 100, retryOn: [] }, rateLimit: { perSecond: 1, burst: 2 } }));
		api.PUT.mockImplementation((_: string, init: { body: object }) => answer({ ...settings, ...init.body }));
		render(SettingsPanel, { name: 'shop', editable: true });
		const burst = await screen.findByRole('textbox', { name: 'Burst' });
		expect(burst).toHaveValue('2');
		await fireEvent.input(burst, { target: { value: 'lots' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Save retries and rate limit' }));
		expect(burst).toHaveAccessibleDescription('must be a whole number');
		expect(api.PUT).not.toHaveBeenCalled();

		await fireEvent.click(screen.getByRole('checkbox', { name: 'Use the default retry policy' }));
		await fireEvent.input(burst, { target: { value: '' } });
		await fireEvent.input(screen.getByRole('textbox', { name: 'Calls per second' }), { target: { value: '' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Save retries and rate limit' }));
		expect(await screen.findByText('Retry policy and rate limit saved; new runs use them.')).toBeInTheDocument();
		expect(api.PUT.mock.calls[0][1].body).toEqual({ kvNamespace: 'shared', allowHosts: ['api.example.com'], retry: null, rateLimit: null });
	});

	it('is shown read-only without a form', async () => {
		api.GET.mockReturnValue(answer({ ...settings, rateLimit: { perSecond: 10, burst: 20 } }));
		render(SettingsPanel, { name: 'shop', editable: false });
		expect(await screen.findByText(/3 attempts, back-off 1000 ms to 300000 ms/)).toBeInTheDocument();
		expect(screen.getByText('10 calls a second, burst 20')).toBeInTheDocument();
		expect(screen.queryByRole('checkbox')).toBeNull();
		expect(screen.queryByRole('button')).toBeNull();
	});
});
