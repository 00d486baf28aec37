import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import LineChart from './LineChart.svelte';
import Sparkline from './Sparkline.svelte';

afterEach(cleanup);

describe('Sparkline', () => {
	it('is an image named by its label, with a line scaled into its box', () => {
		const { container } = render(Sparkline, { values: [0, 4, 2], label: 'Calls per hour: 6', width: 21, height: 11 });
		const img = screen.getByRole('img', { name: 'Calls per hour: 6' });
		expect(img).toBeInTheDocument();
		expect(container.querySelector('path')?.getAttribute('d')).toBe('M1,10 L10.5,1 L20,5.5');
	});
	it('draws a faint baseline for no data', () => {
		const { container } = render(Sparkline, { values: [], label: 'No calls' });
		expect(screen.getByRole('img', { name: 'No calls' })).toBeInTheDocument();
		expect(container.querySelector('path')).toBeNull();
		expect(container.querySelector('line')).not.toBeNull();
	});
});

describe('LineChart', () => {
	const labels = ['10:00', '10:01', '10:02'];
	it('summarises every series in its accessible name and lists the numbers in a table', () => {
		render(LineChart, {
			title: 'Duration',
			labels,
			unit: 'ms',
			series: [
				{ name: 'p50', values: [1, null, 3] },
				{ name: 'p99', values: [4, null, 9.25] }
			]
		});
		const img = screen.getByRole('img');
		expect(img.getAttribute('aria-label')).toBe(
			'Duration from 10:00 to 10:02: p50 highest 3 ms, latest 3; p99 highest 9.3 ms, latest 9.3'
		);
		const table = screen.getByRole('table');
		expect(table).toHaveTextContent('p99 (ms)');
		const rows = screen.getAllByRole('row');
		expect(rows).toHaveLength(4);
		expect(rows[2]).toHaveTextContent('10:01––');
		expect(screen.getByRole('list', { name: 'Legend' })).toHaveTextContent('p50p99');
	});
	it('scales the highest value to the top tick and leaves a gap at an empty bucket', () => {
		const { container } = render(LineChart, {
			title: 'Calls',
			labels,
			series: [{ name: 'calls', values: [0, null, 10] }]
		});
		const d = container.querySelector('path[data-series="calls"]')?.getAttribute('d') ?? '';
		expect(d.match(/M/g)).toHaveLength(2);
		const ys = [...d.matchAll(/,([\d.]+)/g)].map((m) => Number(m[1]));
		expect(ys[0]).toBe(192);
		expect(ys[ys.length - 1]).toBe(24);
	});
	it('says "no data" when every bucket is empty', () => {
		render(LineChart, { title: 'Calls', labels, series: [{ name: 'calls', values: [null, null, null] }] });
		expect(screen.getByRole('img').getAttribute('aria-label')).toBe('Calls from 10:00 to 10:02: no data');
		expect(screen.getByText('No data')).toBeInTheDocument();
	});
});
