import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';

const api = vi.hoisted(() => ({ POST: vi.fn() }));
vi.mock('$lib/api/client', async (original) => ({ ...(await original<object>()), api }));
vi.mock('$app/navigation', () => ({ goto: vi.fn() }));

import AsyncRun from './AsyncRun.svelte';

const answer = (data: unknown, status = 200) =>
	Promise.resolve(status < 400 ? { data, response: new Response(null, { status }) } : { error: data, response: new Response(null, { status }) });

beforeEach(() => api.POST.mockReset());
afterEach(cleanup);

describe('Run async', () => {
	it('refuses a payload that is not a JSON object, then queues one and links to the run', async () => {
		api.POST.mockReturnValue(answer({ id: 41, status: 'queued' }, 202));
		render(AsyncRun, { name: 'hello' });
		const box = screen.getByRole('textbox', { name: 'Payload (JSON)' });
		await fireEvent.input(box, { target: { value: '{"n": ' } });
		expect(box).toHaveAttribute('aria-invalid', 'true');
		await fireEvent.click(screen.getByRole('button', { name: 'Run async' }));
		expect(screen.getByRole('alert')).toHaveTextContent(/^Not queued: not JSON/);
		expect(api.POST).not.toHaveBeenCalled();

		await fireEvent.input(box, { target: { value: '{"n": 2}' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Run async' }));
		expect(await screen.findByRole('link', { name: 'Open run #41' })).toHaveAttribute('href', '/runs/41');
		expect(screen.getByRole('status')).toHaveTextContent('Run #41 queued.');
		expect(api.POST).toHaveBeenCalledWith('/scripts/{name}/runs', { params: { path: { name: 'hello' } }, body: { n: 2 } });
	});

	it('shows a refusal beside the button', async () => {
		api.POST.mockReturnValue(answer({ error: { code: 'forbidden', message: 'you may not invoke hello' } }, 403));
		render(AsyncRun, { name: 'hello' });
		await fireEvent.click(screen.getByRole('button', { name: 'Run async' }));
		expect(await screen.findByRole('alert')).toHaveTextContent('Not queued: you may not invoke hello');
	});
});
