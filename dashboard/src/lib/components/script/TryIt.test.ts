import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';

const api = vi.hoisted(() => ({ POST: vi.fn() }));
vi.mock('$lib/api/client', async (original) => ({ ...(await original<object>()), api }));
vi.mock('$app/navigation', () => ({ goto: vi.fn() }));

import TryIt from './TryIt.svelte';

const result = {
	status: 201, headers: { 'content-type': 'application/json' }, contentType: 'application/json',
	body: '{"hello":"world"}', bodyBase64: null, durationUs: 1234, operations: 42, output: ['printed'],
	error: null, version: 3
};

beforeEach(() => {
	localStorage.clear();
	api.POST.mockReset();
	api.POST.mockResolvedValue({ data: result, response: new Response(null, { status: 200 }) });
});
afterEach(cleanup);

describe('TryIt', () => {
	it('sends the request and shows status, headers, pretty JSON, duration, operations and output', async () => {
		render(TryIt, { name: 'echo' });
		await fireEvent.change(screen.getByLabelText('Method'), { target: { value: 'POST' } });
		await fireEvent.input(screen.getByLabelText('Path'), { target: { value: '/orders' } });
		await fireEvent.input(screen.getByLabelText('Query'), { target: { value: '?a=1' } });
		await fireEvent.input(screen.getByLabelText('Headers'), { target: { value: 'X-Test: yes' } });
		await fireEvent.input(screen.getByLabelText('Body'), { target: { value: '{"n":1}' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
		expect(await screen.findByTestId('try-status')).toHaveTextContent('201');
		expect(api.POST).toHaveBeenCalledWith('/scripts/{name}/test', {
			params: { path: { name: 'echo' } },
			body: { method: 'POST', path: '/orders', query: 'a=1', headers: { 'x-test': 'yes' }, body: '{"n":1}' }
		});
		expect(screen.getByLabelText('Answer body').textContent).toBe('{\n  "hello": "world"\n}');
		expect(screen.getByLabelText('Answer headers')).toHaveTextContent('content-type: application/json');
		expect(screen.getByLabelText('Print and debug output')).toHaveTextContent('printed');
		expect(screen.getByText('1.23 ms')).toBeInTheDocument();
		expect(screen.getByText('42')).toBeInTheDocument();
	});

	it('keeps the request and runs it again from the history, also after a reload', async () => {
		render(TryIt, { name: 'echo' });
		await fireEvent.input(screen.getByLabelText('Path'), { target: { value: '/x' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
		await screen.findByTestId('try-status');
		cleanup();
		render(TryIt, { name: 'echo' });
		await fireEvent.click(await screen.findByRole('button', { name: 'Run again: GET /x' }));
		expect(api.POST).toHaveBeenCalledTimes(2);
		expect(api.POST.mock.calls[1][1].body).toMatchObject({ method: 'GET', path: '/x' });
		expect((screen.getByLabelText('Path') as HTMLInputElement).value).toBe('/x');
	});

	it('refuses a header line without a colon', async () => {
		render(TryIt, { name: 'echo' });
		await fireEvent.input(screen.getByLabelText('Headers'), { target: { value: 'broken' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
		expect(screen.getByRole('alert')).toHaveTextContent('line 1 of the headers is not "Name: value"');
		expect(api.POST).not.toHaveBeenCalled();
	});
});

describe('TryIt answer facts', () => {
	it('reads as "Status 201" in the answer region', async () => {
		render(TryIt, { name: 'echo' });
		await fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
		const region = await screen.findByRole('region', { name: 'Answer' });
		expect(region.textContent).toMatch(/Status\s+201/);
	});
});
