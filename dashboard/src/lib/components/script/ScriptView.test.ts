import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';

const api = vi.hoisted(() => ({ GET: vi.fn(), PUT: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() }));
vi.mock('$lib/api/client', async (original) => ({ ...(await original<object>()), api }));
vi.mock('$app/navigation', () => ({ goto: vi.fn(), beforeNavigate: vi.fn() }));

import ScriptView from './ScriptView.svelte';
import { session } from '$lib/stores/session.svelte';

function answer(data: unknown, status = 200) {
	return Promise.resolve(
		status < 400 ? { data, response: new Response(null, { status }) } : { error: data, response: new Response(null, { status }) }
	);
}

const script = {
	name: 'hello', version: 2, hash: 'abc123', createdAt: '2026-12-03T10:00:00Z', source: 'let a = 1;\na',
	owner: 'alice', access: 'public'
};
const versions = {
	name: 'hello', activeVersion: 2,
	versions: [
		{ version: 2, hash: 'abc123', createdAt: '2026-12-03T10:00:00Z', active: true },
		{ version: 1, hash: 'old', createdAt: '2026-12-02T10:00:00Z', active: false }
	]
};

function user(role: 'owner' | 'admin' | 'developer' | 'viewer', username = 'alice') {
	session.set({ id: 1, username, role, active: true, createdAt: '', hasPassword: true }, 'csrf');
}

beforeEach(() => {
	localStorage.clear();
	Object.values(api).forEach((f) => f.mockReset());
	api.GET.mockImplementation((path: string) => {
		if (path === '/scripts/{name}') return answer(script);
		if (path === '/scripts/{name}/versions') return answer(versions);
		if (path === '/scripts/{name}/secrets') return answer({ script: 'hello', secrets: [{ name: 'TOKEN', updatedAt: null }] });
		return answer({ error: { code: 'not_found', message: 'no' } }, 404);
	});
});
afterEach(() => {
	cleanup();
	session.set(null, null);
});

describe('ScriptView', () => {
	it('shows the owner every edit control', async () => {
		user('developer', 'alice');
		render(ScriptView, { name: 'hello' });
		expect(await screen.findByRole('button', { name: 'Deploy' })).toBeInTheDocument();
		expect(screen.getByRole('heading', { level: 1, name: 'hello' })).toBeInTheDocument();
		expect(screen.queryByRole('note')).toBeNull();
		expect(screen.getByRole('tab', { name: 'Try it' })).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Runs' })).toHaveAttribute('href', '/runs?script=hello');
		await fireEvent.click(screen.getByRole('tab', { name: 'Try it' }));
		expect(screen.getByRole('button', { name: 'Run async' })).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('tab', { name: 'Access' }));
		expect(screen.getByRole('radio', { name: /API key/ })).toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Delete script' })).toBeInTheDocument();
	});

	it('shows a viewer and another developer no edit control at all', async () => {
		for (const [role, name] of [['viewer', 'alice'], ['developer', 'bob']] as const) {
			user(role, name);
			render(ScriptView, { name: 'hello' });
			expect(await screen.findByRole('note')).toHaveTextContent('Read-only');
			expect(screen.queryByRole('button', { name: 'Deploy' })).toBeNull();
			expect(screen.queryByRole('tab', { name: 'Try it' })).toBeNull();
			await fireEvent.click(screen.getByRole('tab', { name: 'Secrets' }));
			expect(await screen.findByText('TOKEN')).toBeInTheDocument();
			expect(screen.queryByLabelText('Secret value')).toBeNull();
			await fireEvent.click(screen.getByRole('tab', { name: 'Versions' }));
			expect(screen.queryByRole('button', { name: /Roll back/ })).toBeNull();
			await fireEvent.click(screen.getByRole('tab', { name: 'Access' }));
			expect(screen.queryByRole('radio')).toBeNull();
			expect(screen.queryByRole('button', { name: 'Delete script' })).toBeNull();
			cleanup();
		}
	});

	it('lists the compile errors of a refused deploy and keeps the active version', async () => {
		user('admin', 'root');
		api.PUT.mockReturnValue(
			answer({ error: { code: 'compile_error', message: 'ErrorParsing at 2:1', details: [
				{ kind: 'ErrorParsing', message: 'expression expected', line: 2, column: 1 },
				{ kind: 'ErrorParsing', message: 'unclosed', line: 1, column: 5 }
			] } }, 422)
		);
		render(ScriptView, { name: 'hello' });
		await fireEvent.click(await screen.findByRole('button', { name: 'Deploy' }));
		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent('Not deployed: 2 compile errors');
		expect(alert).toHaveTextContent('Version 2 stays active.');
		expect(within(alert).getByRole('button', { name: 'Go to line 1, column 5' })).toBeInTheDocument();
		expect(api.PUT).toHaveBeenCalledWith('/scripts/{name}', { params: { path: { name: 'hello' } }, body: { source: script.source } });
	});

	it('rolls back to a chosen version', async () => {
		user('owner', 'root');
		vi.spyOn(window, 'confirm').mockReturnValue(true);
		api.POST.mockReturnValue(answer({ name: 'hello', version: 1, hash: 'old' }));
		render(ScriptView, { name: 'hello' });
		await fireEvent.click(await screen.findByRole('tab', { name: 'Versions' }));
		await fireEvent.click(await screen.findByRole('button', { name: 'Roll back to version 1' }));
		await waitFor(() =>
			expect(api.POST).toHaveBeenCalledWith('/scripts/{name}/rollback', { params: { path: { name: 'hello' } }, body: { version: 1 } })
		);
		expect(await screen.findByText('Version 1 is active again.')).toBeInTheDocument();
	});

	it('says when there is no such script', async () => {
		user('viewer');
		api.GET.mockImplementation(() => answer({ error: { code: 'not_found', message: 'no script' } }, 404));
		render(ScriptView, { name: 'nope' });
		expect(await screen.findByRole('heading', { name: 'No script named nope' })).toBeInTheDocument();
	});
});

describe('ScriptView after an ended session', () => {
	it('keeps the undeployed text for the next opening', async () => {
		user('developer', 'alice');
		sessionStorage.clear();
		api.PUT.mockReturnValue(answer({ error: { code: 'unauthorized', message: 'session ended' } }, 401));
		render(ScriptView, { name: 'hello' });
		await fireEvent.click(await screen.findByRole('button', { name: 'Deploy' }));
		await waitFor(() => expect(sessionStorage.getItem('picloud.draft.hello')).toBe(script.source));
		cleanup();
		sessionStorage.setItem('picloud.draft.hello', 'let changed = 2;');
		render(ScriptView, { name: 'hello' });
		expect(await screen.findByText(/changes you had not deployed when your session ended/)).toBeInTheDocument();
		expect(sessionStorage.getItem('picloud.draft.hello')).toBeNull();
	});
});
