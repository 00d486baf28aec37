import { describe, expect, it } from 'vitest';
import { filterScripts, mergeStats, type ScriptRow } from './list';
import { canChange, canCreate } from './rights';
import { SourceCache } from './sources';
import { parseConfig, parseHeaders, parseHosts, prettyBody } from './tryit';
import { ago, duration } from './format';
import type { Schemas } from '$lib/api/client';

const item = (name: string, owner: string, access: 'public' | 'key' = 'public'): Schemas['ScriptItem'] => ({
	name, owner, access, activeVersion: 1, latestVersion: 2, activeHash: 'h', updatedAt: '2026-12-03T10:00:00Z'
});
const rows: ScriptRow[] = mergeStats([item('hello', 'alice'), item('orders-api', 'bob', 'key'), item('shop', 'bob')], null);

describe('filterScripts', () => {
	it('matches every word against the name or the owner, ignoring case', () => {
		expect(filterScripts(rows, '').map((r) => r.name)).toEqual(['hello', 'orders-api', 'shop']);
		expect(filterScripts(rows, 'ORD').map((r) => r.name)).toEqual(['orders-api']);
		expect(filterScripts(rows, 'bob').map((r) => r.name)).toEqual(['orders-api', 'shop']);
		expect(filterScripts(rows, 'bob sh').map((r) => r.name)).toEqual(['shop']);
		expect(filterScripts(rows, 'nothing')).toEqual([]);
	});

	it('matches owner: and access: exactly', () => {
		expect(filterScripts(rows, 'owner:bo')).toEqual([]);
		expect(filterScripts(rows, 'owner:alice').map((r) => r.name)).toEqual(['hello']);
		expect(filterScripts(rows, 'access:key').map((r) => r.name)).toEqual(['orders-api']);
	});
});

describe('mergeStats', () => {
	it('joins each script with its calls, errors and hourly calls', () => {
		const hourly = Array.from({ length: 24 }, (_, i) => ({ start: 'x', calls: i, errors: 0 }));
		const merged = mergeStats([item('a', 'x'), item('b', 'x')], [
			{ name: 'a', calls: 276, errors: 3, lastCall: '2026-12-03T11:00:00Z', hourly }
		]);
		expect(merged[0]).toMatchObject({ name: 'a', calls: 276, errors: 3, lastCall: '2026-12-03T11:00:00Z' });
		expect(merged[0].hourly).toHaveLength(24);
		expect(merged[0].hourly[23]).toBe(23);
		expect(merged[1]).toMatchObject({ calls: 0, errors: 0, lastCall: null });
		expect(merged[1].hourly).toEqual(new Array(24).fill(0));
	});

	it('leaves the numbers unknown without statistics', () => {
		expect(rows[0]).toMatchObject({ calls: null, errors: null, hourly: [] });
	});
});

describe('canChange', () => {
	const user = (role: Schemas['User']['role'], username = 'bob'): Schemas['User'] => ({
		id: 1, username, role, active: true, createdAt: '', hasPassword: true
	});
	it('lets owners and admins change any script, developers their own, viewers none', () => {
		expect(canChange(user('owner'), 'alice')).toBe(true);
		expect(canChange(user('admin'), 'alice')).toBe(true);
		expect(canChange(user('developer'), 'bob')).toBe(true);
		expect(canChange(user('developer'), 'alice')).toBe(false);
		expect(canChange(user('viewer'), 'bob')).toBe(false);
		expect(canChange(null, 'bob')).toBe(false);
		expect(canCreate(user('viewer'))).toBe(false);
		expect(canCreate(user('developer'))).toBe(true);
	});
});

describe('SourceCache', () => {
	it('finds a remembered source by its hash, per script', () => {
		localStorage.clear();
		const cache = new SourceCache(localStorage);
		cache.remember('a', 'h1', 'one');
		cache.remember('a', 'h2', 'two');
		cache.remember('b', 'h1', 'other');
		expect(new SourceCache(localStorage).get('a', 'h1')).toBe('one');
		expect(cache.get('a', 'h2')).toBe('two');
		expect(cache.get('b', 'h1')).toBe('other');
		expect(cache.get('a', 'h3')).toBeNull();
	});

	it('drops the oldest sources when the storage is full', () => {
		const data = new Map<string, string>();
		const small = {
			getItem: (k: string) => data.get(k) ?? null,
			setItem: (k: string, v: string) => {
				if (v.length > 60) throw new Error('quota');
				data.set(k, v);
			}
		};
		const cache = new SourceCache(small);
		cache.remember('s', 'h1', 'first');
		cache.remember('s', 'h2', 'second');
		expect(cache.get('s', 'h2')).toBe('second');
		expect(cache.get('s', 'h1')).toBeNull();
	});
});

describe('try it helpers', () => {
	it('parses header lines', () => {
		expect(parseHeaders('Content-Type: application/json\n\nX-A:  1 ')).toEqual({
			headers: { 'content-type': 'application/json', 'x-a': '1' }
		});
		expect(parseHeaders('oops')).toEqual({ error: 'line 1 of the headers is not "Name: value"' });
	});

	it('pretty-prints JSON bodies and leaves text alone', () => {
		expect(prettyBody('{"a":[1,2]}', 'application/json')).toEqual({ text: '{\n  "a": [\n    1,\n    2\n  ]\n}', json: true });
		expect(prettyBody('[1]', null).json).toBe(true);
		expect(prettyBody('{broken', 'application/json')).toEqual({ text: '{broken', json: false });
		expect(prettyBody('Hello', 'text/plain')).toEqual({ text: 'Hello', json: false });
		expect(prettyBody(null, null)).toEqual({ text: '', json: false });
	});

	it('accepts only a JSON object as config', () => {
		expect(parseConfig('{"channel": "#orders"}')).toEqual({ value: { channel: '#orders' } });
		expect(parseConfig('')).toEqual({ value: {} });
		expect('error' in parseConfig('[1]')).toBe(true);
		expect('error' in parseConfig('{"a": }')).toBe(true);
		expect('error' in parseConfig('null')).toBe(true);
	});

	it('reads host lists', () => {
		expect(parseHosts('API.example.com, *.example.org\nx.io')).toEqual(['api.example.com', '*.example.org', 'x.io']);
		expect(parseHosts('  ')).toBeNull();
	});

	it('formats times and durations', () => {
		const now = new Date('2026-12-03T12:00:00Z');
		expect(ago('2026-12-03T11:59:50Z', now)).toBe('just now');
		expect(ago('2026-12-03T11:55:00Z', now)).toBe('5 min ago');
		expect(ago('2026-12-03T09:00:00Z', now)).toBe('3 h ago');
		expect(ago(null, now)).toBe('never');
		expect(duration(850)).toBe('850 µs');
		expect(duration(1234)).toBe('1.23 ms');
		expect(duration(2_500_000)).toBe('2.50 s');
	});
});
