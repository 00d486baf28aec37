import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';

const api = vi.hoisted(() => ({ GET: vi.fn() }));
const nav = vi.hoisted(() => ({ goto: vi.fn() }));
const state = vi.hoisted(() => ({ page: { url: new URL('http://localhost/runs'), params: {} as Record<string, string> } }));
vi.mock('$lib/api/client', async (original) => ({ ...(await original<object>()), api }));
vi.mock('$app/navigation', () => nav);
vi.mock('$app/state', () => state);

import RunsPage from './+page.svelte';
import RunPage from './[id]/+page.svelte';
import { session } from '$lib/stores/session.svelte';

const ok = (data: unknown) => Promise.resolve({ data, response: new Response(null, { status: 200 }) });
const missing = () =>
	Promise.resolve({ error: { error: { code: 'not_found', message: 'no run 404' } }, response: new Response(null, { status: 404 }) });

const item = (id: number, status: string, extra: object = {}) => ({
	id, script: 'hello', trigger: 'async', source: null, status, attempts: 1, maxAttempts: 3,
	createdAt: '2026-12-03T10:00:00Z', startedAt: null, finishedAt: null, nextAttemptAt: null, error: null,
	replayOf: null, replayedAs: null, submittedBy: 'alice', ...extra
});

const run = {
	...item(5, 'dead', { attempts: 3, finishedAt: '2026-12-03T10:00:09Z', replayedAs: 9 }),
	bindingId: null,
	payload: { order: 42 },
	result: null,
	error: { kind: 'ErrorRuntime', message: 'boom', line: 3, column: 7 },
	output: ['checking order 42'],
	history: [
		{ attempt: 1, node: 'node-a', startedAt: '2026-12-03T10:00:01Z', finishedAt: '2026-12-03T10:00:02Z', outcome: 'failed',
			error: { kind: 'ErrorRuntime', message: 'boom', line: 3, column: 7 }, invocation: 'r1abc' },
		{ attempt: 2, node: null, startedAt: null, finishedAt: '2026-12-03T10:00:05Z', outcome: 'failed',
			error: { kind: 'NodeLost', message: 'the node went away', line: 0, column: 0 }, invocation: null },
		{ attempt: 3, node: 'node-b', startedAt: '2026-12-03T10:00:08Z', finishedAt: '2026-12-03T10:00:09Z', outcome: 'dead',
			error: { kind: 'ErrorRuntime', message: 'boom', line: 3, column: 7 }, invocation: 'r3def' }
	]
};

beforeEach(() => {
	api.GET.mockReset();
	nav.goto.mockReset();
	session.set({ id: 1, username: 'alice', role: 'developer', active: true, createdAt: '', hasPassword: true }, 'csrf');
});
afterEach(() => {
	cleanup();
	session.set(null, null);
});

describe('the runs page', () => {
	it('lists the runs of the view the URL names, links each to its page, and pages back with Older', async () => {
		state.page.url = new URL('http://localhost/runs?status=failed&script=hello');
		api.GET.mockImplementation((path: string, init?: { params: { query: { before?: number } } }) => {
			if (path === '/scripts') return ok({ scripts: [{ name: 'hello' }, { name: 'orders' }] });
			if (path === '/runs' && init?.params.query.before == null) {
				return ok({ runs: [item(12, 'failed', { nextAttemptAt: '2026-12-03T10:05:00Z', error: { kind: 'ErrorTimeout', message: 'too slow', line: 0, column: 0 } })], nextBefore: 12 });
			}
			if (path === '/runs') return ok({ runs: [item(7, 'failed')], nextBefore: null });
			throw new Error('unexpected ' + path);
		});
		render(RunsPage);
		const table = await screen.findByRole('table', { name: 'Runs' });
		expect(await within(table).findByRole('link', { name: 'Run 12 of hello' })).toHaveAttribute('href', '/runs/12');
		expect(within(table).getByText('ErrorTimeout')).toBeInTheDocument();
		expect(within(table).getByText('1 of 3')).toBeInTheDocument();
		expect(api.GET).toHaveBeenCalledWith('/runs', { params: { query: { script: 'hello', status: 'failed', before: undefined, limit: 50 } } });

		const views = screen.getByRole('navigation', { name: 'Run views' });
		expect(within(views).getByRole('link', { name: 'Failed' })).toHaveAttribute('aria-current', 'page');
		expect(within(views).getByRole('link', { name: 'Dead' })).toHaveAttribute('href', '/runs?script=hello&status=dead');
		expect(within(views).getByRole('link', { name: 'Dead letters' })).toHaveAttribute('href', '/dead-letters?script=hello');

		await fireEvent.click(screen.getByRole('button', { name: 'Older' }));
		expect(await within(table).findByRole('link', { name: 'Run 7 of hello' })).toBeInTheDocument();
		expect(within(table).getByRole('link', { name: 'Run 12 of hello' })).toBeInTheDocument();
		expect(api.GET).toHaveBeenLastCalledWith('/runs', { params: { query: { script: 'hello', status: 'failed', before: 12, limit: 50 } } });
		expect(screen.queryByRole('button', { name: 'Older' })).toBeNull();
	});

	it('puts a changed script filter in the URL, keeping the view', async () => {
		state.page.url = new URL('http://localhost/runs?status=dead');
		api.GET.mockImplementation((path: string) =>
			path === '/scripts' ? ok({ scripts: [{ name: 'hello' }, { name: 'orders' }] }) : ok({ runs: [], nextBefore: null })
		);
		render(RunsPage);
		expect(await screen.findByText('No dead runs.')).toBeInTheDocument();
		await screen.findByRole('option', { name: 'orders' });
		await fireEvent.change(screen.getByLabelText('Script'), { target: { value: 'orders' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
		expect(nav.goto).toHaveBeenCalledWith('/runs?script=orders&status=dead', { keepFocus: true, noScroll: true });
	});
});

describe('the run page', () => {
	it('shows attempts of maxAttempts, the last error linked to its line, every attempt and the replay', async () => {
		state.page.params = { id: '5' };
		api.GET.mockImplementation((path: string) => (path === '/runs/{id}' ? ok(run) : missing()));
		render(RunPage);
		expect(await screen.findByRole('heading', { level: 1, name: 'Run #5 of hello' })).toBeInTheDocument();
		expect(api.GET).toHaveBeenCalledWith('/runs/{id}', { params: { path: { id: 5 } } });
		const details = screen.getByLabelText('Run details');
		expect(within(details).getByText('3 of 3')).toBeInTheDocument();
		expect(within(details).getByRole('link', { name: 'run #9' })).toHaveAttribute('href', '/runs/9');
		expect(screen.getByRole('link', { name: 'Open line 3:7 in the editor' })).toHaveAttribute('href', '/scripts/hello?line=3&column=7');
		expect(screen.getByText('checking order 42')).toBeInTheDocument();
		expect(screen.getByRole('region', { name: 'Payload' })).toHaveTextContent('"order": 42');

		const history = screen.getByRole('table', { name: 'Attempts' });
		expect(within(history).getAllByRole('row')).toHaveLength(4);
		expect(within(history).getByRole('link', { name: 'Invocation of attempt 1' })).toHaveAttribute('href', '/invocations/r1abc');
		expect(within(history).getByText('not run')).toBeInTheDocument();
		expect(within(history).getByText('node-b')).toBeInTheDocument();
		// replayed already: no invitation to replay it
		expect(screen.queryByRole('link', { name: /Replay or delete/ })).toBeNull();
		expect(screen.queryByRole('button', { name: 'Refresh' })).toBeNull();
	});

	it('shows a succeeded run’s result as JSON, and sends a dead letter not replayed to its page', async () => {
		state.page.params = { id: '6' };
		api.GET.mockReturnValueOnce(ok({ ...run, id: 6, status: 'succeeded', error: null, replayedAs: null, replayOf: 5, result: { sent: true } }));
		render(RunPage);
		expect(await screen.findByRole('region', { name: 'Result (JSON)' })).toHaveTextContent('"sent": true');
		expect(screen.getByRole('link', { name: 'dead letter #5' })).toHaveAttribute('href', '/runs/5');
		cleanup();

		state.page.params = { id: '5' };
		api.GET.mockReturnValueOnce(ok({ ...run, replayedAs: null }));
		render(RunPage);
		expect(await screen.findByRole('link', { name: 'Replay or delete dead letter #5' })).toHaveAttribute('href', '/dead-letters/5');
	});

	it('says so for an unknown run, and reads a waiting one again on Refresh', async () => {
		state.page.params = { id: '404' };
		api.GET.mockImplementation(() => missing());
		render(RunPage);
		expect(await screen.findByText('There is no run with the id 404.')).toBeInTheDocument();
		cleanup();

		state.page.params = { id: '5' };
		api.GET.mockReset();
		api.GET.mockReturnValueOnce(ok({ ...run, status: 'queued', attempts: 0, history: [], error: null, replayedAs: null }));
		api.GET.mockReturnValueOnce(ok({ ...run, status: 'succeeded', error: null, replayedAs: null, result: 1 }));
		render(RunPage);
		expect(await screen.findByText('No attempt has finished yet.')).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
		await waitFor(() => expect(screen.getByRole('region', { name: 'Result (JSON)' })).toHaveTextContent(/^Result \(JSON\)\s*1$/));
	});
});
