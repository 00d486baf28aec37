import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import StatusBadge from './StatusBadge.svelte';
import { statusTone } from '$lib/status';

afterEach(cleanup);

describe('StatusBadge', () => {
	it('shows STARTING like the other states: the word, in the tone of something on its way, with what it means', () => {
		render(StatusBadge, { status: 'STARTING' });
		const badge = screen.getByText('STARTING');
		expect(badge).toHaveClass('badge', 'warn');
		expect(badge).toHaveAttribute('title', expect.stringContaining('not receiving events yet'));
	});

	it('keeps the tones of the other binding states', () => {
		render(StatusBadge, { status: 'ACTIVE' });
		expect(screen.getByText('ACTIVE')).toHaveClass('ok');
		cleanup();
		render(StatusBadge, { status: 'TYPE_MISSING' });
		expect(screen.getByText('TYPE_MISSING')).toHaveClass('err');
		cleanup();
		render(StatusBadge, { status: 'DISABLED' });
		expect(screen.getByText('DISABLED')).toHaveClass('muted');
	});
});

describe('statusTone', () => {
	it('tells fine, on its way, failed and neither apart', () => {
		expect(['ACTIVE', 'ok', 'up', 'succeeded'].map(statusTone)).toEqual(['ok', 'ok', 'ok', 'ok']);
		expect(['STARTING', 'queued', 'running', 'failed'].map(statusTone)).toEqual(['warn', 'warn', 'warn', 'warn']);
		expect(['ERROR', 'TYPE_MISSING', 'error', 'limit', 'down', 'dead'].map(statusTone)).toEqual(
			Array(6).fill('err')
		);
		expect(['DISABLED', 'UNKNOWN', 'cancelled'].map(statusTone)).toEqual(['muted', 'muted', 'muted']);
	});
});
