import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';

const state = vi.hoisted(() => ({ page: { url: new URL('http://localhost/dead-letters/5') } }));
vi.mock('$app/state', () => state);
vi.mock('$app/navigation', () => ({ goto: vi.fn() }));

import Nav from './Nav.svelte';
import { session } from '$lib/stores/session.svelte';

afterEach(() => {
	cleanup();
	session.set(null, null);
});

describe('Nav', () => {
	it('has Runs after Invocations, current on the runs and dead-letter pages', () => {
		session.set({ id: 1, username: 'val', role: 'viewer', active: true, createdAt: '', hasPassword: true }, null);
		render(Nav);
		const nav = screen.getByRole('navigation', { name: 'Main' });
		const names = within(nav).getAllByRole('link').map((l) => l.textContent);
		expect(names.slice(0, 3)).toEqual(['Scripts', 'Invocations', 'Runs']);
		expect(names).not.toContain('Users');
		expect(within(nav).getByRole('link', { name: 'Runs' })).toHaveAttribute('aria-current', 'page');
		expect(within(nav).getByRole('link', { name: 'Invocations' })).not.toHaveAttribute('aria-current');
	});
});
