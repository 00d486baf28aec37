import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';

const nav = vi.hoisted(() => ({ goto: vi.fn() }));
vi.mock('$app/navigation', () => nav);
vi.mock('$app/state', () => ({ page: { url: new URL('http://localhost/login?next=/scripts/hello') } }));

import Login from './+page.svelte';
import { ApiError } from '$lib/api/client';
import { session } from '$lib/stores/session.svelte';

afterEach(() => {
	cleanup();
	vi.restoreAllMocks();
	nav.goto.mockReset();
});

async function logIn(username: string, password: string) {
	await fireEvent.input(screen.getByLabelText('Username'), { target: { value: username } });
	await fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
	await fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('the login page', () => {
	it('logs in and goes to ?next=', async () => {
		const login = vi.spyOn(session, 'login').mockResolvedValue({} as never);
		render(Login);
		await logIn('alice', 'correct horse battery');
		expect(login).toHaveBeenCalledWith('alice', 'correct horse battery');
		expect(nav.goto).toHaveBeenCalledWith('/scripts/hello', { replaceState: true });
	});

	it('says so on wrong credentials and on too many attempts', async () => {
		const login = vi.spyOn(session, 'login');
		login.mockRejectedValueOnce(new ApiError(401, 'bad_credentials', 'bad credentials', null));
		render(Login);
		await logIn('alice', 'wrong');
		expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
		login.mockRejectedValueOnce(new ApiError(429, 'too_many_attempts', 'too many', null));
		await logIn('alice', 'wrong');
		expect(await screen.findByRole('alert')).toHaveTextContent('Too many failed attempts');
		expect(nav.goto).not.toHaveBeenCalled();
	});

	it('links to the first-run page', () => {
		render(Login);
		expect(screen.getByRole('link', { name: 'Set up the owner' })).toHaveAttribute('href', '/setup');
	});
});
