import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import CompileErrors from './CompileErrors.svelte';

afterEach(cleanup);

describe('CompileErrors', () => {
	it('lists every problem with its position and says the active version stays', async () => {
		const ongo = vi.fn();
		render(CompileErrors, {
			problems: [
				{ kind: 'ErrorParsing', message: 'expression expected', line: 1, column: 9 },
				{ kind: 'ErrorVariableNotFound', message: 'x', line: 4, column: 2 }
			],
			activeVersion: 3,
			ongo
		});
		const alert = screen.getByRole('alert');
		expect(within(alert).getByRole('heading', { name: 'Not deployed: 2 compile errors' })).toBeInTheDocument();
		expect(alert).toHaveTextContent('Version 3 stays active.');
		expect(within(alert).getAllByRole('listitem')).toHaveLength(2);
		await fireEvent.click(screen.getByRole('button', { name: 'Go to line 4, column 2' }));
		expect(ongo).toHaveBeenCalledWith(4, 2);
	});
});
