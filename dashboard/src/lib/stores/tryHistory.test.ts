import { beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_SIZE, TryHistory, describeRequest, type TryRequest } from './tryHistory';

function req(path: string, method = 'GET'): TryRequest {
	return { method, path, query: '', headers: {}, body: '' };
}

describe('TryHistory', () => {
	let history: TryHistory;
	beforeEach(() => {
		localStorage.clear();
		history = new TryHistory(localStorage);
	});

	it('keeps the requests of each script, newest first', () => {
		history.add('a', req('/one'), 200, new Date('2026-12-03T10:00:00Z'));
		history.add('a', req('/two'), 500, new Date('2026-12-03T10:01:00Z'));
		history.add('b', req('/other'), null);
		expect(history.list('a').map((e) => [e.request.path, e.status, e.at])).toEqual([
			['/two', 500, '2026-12-03T10:01:00.000Z'],
			['/one', 200, '2026-12-03T10:00:00.000Z']
		]);
		expect(history.list('b')).toHaveLength(1);
		expect(new TryHistory(localStorage).list('a')).toHaveLength(2);
	});

	it('keeps the last ten and moves a repeated request to the front', () => {
		for (let i = 0; i < 12; i++) history.add('s', req('/' + i), 200);
		expect(history.list('s').map((e) => e.request.path)).toEqual(
			Array.from({ length: HISTORY_SIZE }, (_, i) => '/' + (11 - i))
		);
		history.add('s', req('/5'), 404);
		const list = history.list('s');
		expect(list).toHaveLength(HISTORY_SIZE);
		expect(list[0].request.path).toBe('/5');
		expect(list[0].status).toBe(404);
		expect(list.filter((e) => e.request.path === '/5')).toHaveLength(1);
	});

	it('tells requests apart by every field', () => {
		history.add('s', req('/x', 'GET'), 200);
		history.add('s', req('/x', 'POST'), 200);
		history.add('s', { ...req('/x', 'POST'), headers: { a: '1' } }, 200);
		expect(history.list('s')).toHaveLength(3);
	});

	it('ignores a broken or foreign stored value and clears', () => {
		localStorage.setItem('picloud.try.s', '{not json');
		expect(history.list('s')).toEqual([]);
		localStorage.setItem('picloud.try.s', JSON.stringify([{ request: { path: 3 } }, 'x']));
		expect(history.list('s')).toEqual([]);
		history.add('s', req('/y'), 200);
		history.clear('s');
		expect(history.list('s')).toEqual([]);
	});

	it('survives a storage that refuses to write', () => {
		const full = { getItem: () => null, setItem: () => { throw new Error('quota'); }, removeItem: () => {} };
		expect(new TryHistory(full).add('s', req('/z'), 200)).toHaveLength(1);
	});
});

describe('describeRequest', () => {
	it('shows method, path and query', () => {
		expect(describeRequest({ ...req('x', 'POST'), query: 'a=1' })).toBe('POST /x?a=1');
		expect(describeRequest(req(''))).toBe('GET /');
		expect(describeRequest({ ...req('/p'), query: '?b=2' })).toBe('GET /p?b=2');
	});
});
