import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), DELETE: vi.fn() }));
const nav = vi.hoisted(() => ({ goto: vi.fn() }));
const state = vi.hoisted(() => ({ page: { url: new URL('http://localhost/dead-letters'), params: {} as Record<string, string> } }));
vi.mock('$lib/api/client', async (original) => ({ ...(await original<object>()), api }));
vi.mock('$app/navigation', () => nav);
vi.mock('$app/state', () => state);

import DeadLettersPage from './+page.svelte';
import DeadLetterPage from './[id]/+page.svelte';
import { session } from '$lib/stores/session.svelte';

const answer = (data: unknown, status = 200) =>
	Promise.resolve(status < 400 ? { data, response: new Response(null, { status }) } : { error: data, response: new Response(null, { status }) });

const error = { kind: 'ErrorRuntime', message: 'no such order', line: 2, column: 5 };
const letter = {
	id: 5, script: 'orders', trigger: 'mqtt', source: 'shop/orders', bindingId: 'b1', status: 'dead', attempts: 3, maxAttempts: 3,
	createdAt: '2026-12-03T10:00:00Z', startedAt: '2026-12-03T10:00:08Z', finishedAt: '2026-12-03T10:00:09Z', nextAttemptAt: null,
	payload: { order: 42 }, result: null, error, output: [],
	history: [1, 2, 3].map((n) => ({ attempt: n, node: 'node-a', startedAt: null, finishedAt: null, outcome: n < 3 ? 'failed' : 'dead', error, invocation: 'r' + n })),
	replayOf: null, replayedAs: null, submittedBy: null
};

function user(role: 'owner' | 'admin' | 'developer' | 'viewer', username = 'alice') {
	session.set({ id: 1, username, role, active: true, createdAt: '', hasPassword: true }, 'csrf');
}

beforeEach(() => {
	Object.values(api).forEach((f) => f.mockReset());
	state.page.params = { id: '5' };
	api.GET.mockImplementation((path: string) => {
		if (path === '/dead-letters/{id}') return answer(letter);
		if (path === '/scripts/{name}') return answer({ name: 'orders', owner: 'alice' });
		throw new Error('unexpected ' + path);
	});
});
afterEach(() => {
	cleanup();
	session.set(null, null);
});

describe('the dead letters page', () => {
	it('lists the dead letters not replayed yet, each linked to its page', async () => {
		user('viewer', 'val');
		state.page.url = new URL('http://localhost/dead-letters?script=orders');
		api.GET.mockImplementation((path: string) =>
			path === '/scripts' ? answer({ scripts: [{ name: 'orders' }] }) : answer({ runs: [letter], nextBefore: null })
		);
		render(DeadLettersPage);
		const table = await screen.findByRole('table', { name: 'Dead letters' });
		expect(await within(table).findByRole('link', { name: 'Run 5 of orders' })).toHaveAttribute('href', '/dead-letters/5');
		expect(api.GET).toHaveBeenCalledWith('/dead-letters', { params: { query: { script: 'orders', replayed: 'false', before: undefined, limit: 50 } } });
		expect(screen.getByRole('link', { name: 'Dead letters' })).toHaveAttribute('aria-current', 'page');
		expect(screen.queryByRole('button', { name: 'Older' })).toBeNull();
	});
});

describe('a dead letter', () => {
	it('refuses a payload that is not a JSON object before sending, then replays the edited one and links the new run', async () => {
		user('developer', 'alice');
		api.POST.mockReturnValue(answer({ ...letter, id: 9, status: 'queued', attempts: 0, replayOf: 5, history: [] }, 202));
		render(DeadLetterPage);
		const box = await screen.findByRole('textbox', { name: 'Payload (JSON)' });
		expect((box as HTMLTextAreaElement).value).toBe(JSON.stringify({ order: 42 }, null, 2));
		expect(screen.getByRole('table', { name: 'Attempts' })).toBeInTheDocument();

		await fireEvent.input(box, { target: { value: '{"order": 43' } });
		expect(box).toHaveAttribute('aria-invalid', 'true');
		await fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
		expect(screen.getByRole('alert')).toHaveTextContent(/^Not replayed: not JSON: /);
		await fireEvent.input(box, { target: { value: '[43]' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
		expect(screen.getByRole('alert')).toHaveTextContent('Not replayed: the payload must be a JSON object');
		expect(api.POST).not.toHaveBeenCalled();

		await fireEvent.input(box, { target: { value: '{"order": 43}' } });
		expect(box).toHaveAccessibleDescription('Edited: the replay runs with this payload.');
		await fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
		expect(await screen.findByRole('link', { name: 'Open run #9' })).toHaveAttribute('href', '/runs/9');
		expect(screen.getByRole('status')).toHaveTextContent('Queued as run #9 with the edited payload.');
		expect(api.POST).toHaveBeenCalledWith('/dead-letters/{id}/replay', { params: { path: { id: 5 } }, body: { payload: { order: 43 } } });
		// the dead letter now says where it went, in the replay box and in its details
		for (const l of screen.getAllByRole('link', { name: 'run #9' })) expect(l).toHaveAttribute('href', '/runs/9');
	});

	it('replays the original payload with an empty body, and shows a refusal beside the button', async () => {
		user('developer', 'alice');
		api.POST.mockReturnValueOnce(answer({ error: { code: 'forbidden', message: 'not your script' } }, 403));
		render(DeadLetterPage);
		await fireEvent.click(await screen.findByRole('button', { name: 'Replay' }));
		expect(await screen.findByRole('alert')).toHaveTextContent('Not replayed: not your script');
		expect(api.POST).toHaveBeenCalledWith('/dead-letters/{id}/replay', { params: { path: { id: 5 } }, body: {} });
		expect(screen.getByRole('textbox', { name: 'Payload (JSON)' })).toBeInTheDocument();
	});

	it('deletes after a confirmation', async () => {
		user('admin', 'root');
		api.DELETE.mockReturnValue(answer(undefined, 204));
		render(DeadLetterPage);
		await fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
		expect(api.DELETE).not.toHaveBeenCalled();
		await fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
		expect(await screen.findByRole('status')).toHaveTextContent('Dead letter #5 deleted.');
		expect(api.DELETE).toHaveBeenCalledWith('/dead-letters/{id}', { params: { path: { id: 5 } } });
	});

	it('is read-only for a viewer and for a developer who does not own the script', async () => {
		for (const [role, name] of [['viewer', 'val'], ['developer', 'bob']] as const) {
			user(role, name);
			render(DeadLetterPage);
			expect(await screen.findByLabelText('Payload (JSON)')).toHaveTextContent('"order": 42');
			expect(screen.queryByRole('textbox')).toBeNull();
			expect(screen.queryByRole('button', { name: 'Replay' })).toBeNull();
			expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
			expect(screen.getByText(/Read-only/)).toBeInTheDocument();
			cleanup();
		}
	});

	it('lets only admins and owners change the dead letters of a deleted script', async () => {
		api.GET.mockImplementation((path: string) =>
			path === '/dead-letters/{id}' ? answer(letter) : answer({ error: { code: 'not_found', message: 'no script' } }, 404)
		);
		user('developer', 'alice');
		render(DeadLetterPage);
		await screen.findByLabelText('Payload (JSON)');
		expect(screen.queryByRole('button', { name: 'Replay' })).toBeNull();
		cleanup();
		user('owner', 'olga');
		render(DeadLetterPage);
		expect(await screen.findByRole('button', { name: 'Replay' })).toBeInTheDocument();
	});

	it('says so for an unknown dead letter', async () => {
		user('viewer');
		api.GET.mockImplementation(() => answer({ error: { code: 'not_found', message: 'no dead letter 7' } }, 404));
		state.page.params = { id: '7' };
		render(DeadLetterPage);
		expect(await screen.findByText('There is no dead letter with the id 7.')).toBeInTheDocument();
		await waitFor(() => expect(api.GET).toHaveBeenCalledTimes(1));
	});
});
