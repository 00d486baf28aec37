import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import SchemaForm from './SchemaForm.svelte';
import type { Built, JsonSchema } from '$lib/schema/form';

afterEach(cleanup);

const webhook: JsonSchema = {
	type: 'object',
	required: ['path', 'secret'],
	properties: {
		path: { type: 'string', description: 'served at /hooks/{path}' },
		preset: { enum: ['github', 'stripe', 'slack', 'generic'], default: 'generic', description: 'signature scheme' },
		secret: { type: 'string', minLength: 16, writeOnly: true },
		tolerance: { type: 'integer', minimum: 1, maximum: 86400, default: 300 },
		verbose: { type: 'boolean' },
		hosts: { type: 'array', items: { type: 'string' } },
		tls: { type: 'object', properties: { ca: { type: 'string' } } }
	}
};

function renderForm(props: Record<string, unknown> = {}) {
	let last: Built | undefined;
	render(SchemaForm, { schema: webhook, onchange: (b: Built) => (last = b), ...props });
	return () => last!;
}

describe('SchemaForm', () => {
	it('renders a labelled control of the right kind per property, with defaults and help text', () => {
		renderForm();
		expect(screen.getByLabelText(/^Path/)).toHaveAttribute('type', 'text');
		expect(screen.getByLabelText(/^Path/)).toHaveAccessibleDescription('served at /hooks/{path}');
		expect(screen.getByLabelText(/^Path/)).toHaveAttribute('aria-required', 'true');
		const preset = screen.getByRole('combobox', { name: 'Preset' }) as HTMLSelectElement;
		expect(preset.selectedOptions[0].textContent).toBe('generic');
		expect(screen.getByLabelText(/^Secret/)).toHaveAttribute('type', 'password');
		const tolerance = screen.getByRole('spinbutton', { name: 'Tolerance' });
		expect(tolerance).toHaveValue(300);
		expect(tolerance).toHaveAttribute('min', '1');
		expect(tolerance).toHaveAttribute('max', '86400');
		expect(screen.getByRole('checkbox', { name: 'Verbose' })).not.toBeChecked();
		expect(screen.getByRole('textbox', { name: 'Hosts' }).tagName).toBe('TEXTAREA');
		expect(screen.getByRole('group', { name: 'TLS' })).toContainElement(screen.getByRole('textbox', { name: 'CA' }));
	});

	it('produces the value object as the person types', async () => {
		const last = renderForm();
		expect(last().value).toEqual({ preset: 'generic', tolerance: 300, verbose: false });
		await fireEvent.input(screen.getByLabelText(/^Path/), { target: { value: 'github/push' } });
		await fireEvent.change(screen.getByRole('combobox', { name: 'Preset' }), { target: { value: '"github"' } });
		await fireEvent.input(screen.getByLabelText(/^Secret/), { target: { value: 'a-long-shared-secret' } });
		await fireEvent.input(screen.getByRole('spinbutton', { name: 'Tolerance' }), { target: { value: '60' } });
		await fireEvent.click(screen.getByRole('checkbox', { name: 'Verbose' }));
		await fireEvent.input(screen.getByRole('textbox', { name: 'Hosts' }), { target: { value: 'a.example\nb.example' } });
		await fireEvent.input(screen.getByRole('textbox', { name: 'CA' }), { target: { value: 'pem' } });
		expect(last()).toEqual({
			value: {
				path: 'github/push',
				preset: 'github',
				secret: 'a-long-shared-secret',
				tolerance: 60,
				verbose: true,
				hosts: ['a.example', 'b.example'],
				tls: { ca: 'pem' }
			},
			problems: {}
		});
	});

	it('starts from an existing value', () => {
		const last = renderForm({ initial: { path: 'x', secret: '********', preset: 'slack' } });
		expect(screen.getByLabelText(/^Path/)).toHaveValue('x');
		expect(last().value).toMatchObject({ path: 'x', secret: '********', preset: 'slack', tolerance: 300 });
	});

	it('shows a server error at the field it names, described by it and marked invalid', () => {
		renderForm({ errors: { tolerance: 'must be at most 86400' } });
		const tolerance = screen.getByRole('spinbutton', { name: 'Tolerance' });
		expect(tolerance).toHaveAttribute('aria-invalid', 'true');
		expect(tolerance).toHaveAccessibleDescription('Tolerance must be at most 86400');
		expect(screen.getByLabelText(/^Path/)).not.toHaveAttribute('aria-invalid');
	});

	it('shows its own problems only once asked to', async () => {
		const last = renderForm();
		expect(last().problems).toEqual({ path: 'is required', secret: 'is required' });
		expect(screen.queryByText('Path is required')).toBeNull();
		cleanup();
		renderForm({ showProblems: true });
		expect(screen.getByText('Path is required')).toBeInTheDocument();
		expect(screen.getByText('Secret is required')).toBeInTheDocument();
	});

	it('says so when a type has no settings', () => {
		render(SchemaForm, { schema: { type: 'object', properties: {} } });
		expect(screen.getByText('This type has no settings.')).toBeInTheDocument();
	});
});
