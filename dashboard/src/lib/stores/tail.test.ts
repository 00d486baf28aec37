import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveTail, type EventSourceLike } from './tail.svelte';

class FakeSource implements EventSourceLike {
	readyState = 0;
	onopen: ((e: Event) => void) | null = null;
	onerror: ((e: Event) => void) | null = null;
	closed = false;
	private listeners = new Map<string, ((e: MessageEvent) => void)[]>();
	constructor(readonly url: string) {}
	addEventListener(type: string, l: (e: MessageEvent) => void) {
		this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
	}
	close() {
		this.closed = true;
		this.readyState = 2;
	}
	opened() {
		this.readyState = 1;
		this.onopen?.(new Event('open'));
	}
	send(data: unknown) {
		for (const l of this.listeners.get('invocation') ?? []) l(new MessageEvent('invocation', { data: JSON.stringify(data) }));
	}
	fail(readyState: number) {
		this.readyState = readyState;
		this.onerror?.(new Event('error'));
	}
}

let sources: FakeSource[];
const open = (url: string) => {
	const s = new FakeSource(url);
	sources.push(s);
	return s;
};

beforeEach(() => {
	sources = [];
	vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('LiveTail', () => {
	it('opens the stream and is live once it is open', () => {
		const tail = new LiveTail({ url: '/api/v1/invocations/stream?script=a', open });
		expect(tail.state).toBe('off');
		tail.start();
		expect(tail.state).toBe('connecting');
		expect(sources.map((s) => s.url)).toEqual(['/api/v1/invocations/stream?script=a']);
		sources[0].opened();
		expect(tail.state).toBe('live');
	});

	it('puts new runs at the top, ignores one it already has, and keeps at most cap', () => {
		const tail = new LiveTail<{ id: string }>({ url: '/s', open, cap: 3 });
		tail.start();
		for (const id of ['1.1', '1.2', '1.2', '2.1', '2.2']) sources[0].send({ id });
		expect(tail.items.map((i) => i.id)).toEqual(['2.2', '2.1', '1.2']);
	});

	it('says reconnecting while the browser retries, and live again when it is back', () => {
		const tail = new LiveTail({ url: '/s', open });
		tail.start();
		sources[0].opened();
		sources[0].fail(0);
		expect(tail.state).toBe('reconnecting');
		expect(sources).toHaveLength(1);
		sources[0].opened();
		expect(tail.state).toBe('live');
	});

	it('opens a new stream after a growing pause when the browser gave up', () => {
		const tail = new LiveTail({ url: '/s', open, retryMs: 100 });
		tail.start();
		sources[0].fail(2);
		expect(tail.state).toBe('reconnecting');
		expect(sources[0].closed).toBe(true);
		vi.advanceTimersByTime(99);
		expect(sources).toHaveLength(1);
		vi.advanceTimersByTime(1);
		expect(sources).toHaveLength(2);
		sources[1].fail(2);
		vi.advanceTimersByTime(199);
		expect(sources).toHaveLength(2);
		vi.advanceTimersByTime(1);
		expect(sources).toHaveLength(3);
		sources[2].opened();
		expect(tail.state).toBe('live');
	});

	it('closes the stream and cancels a pending retry when stopped', () => {
		const tail = new LiveTail({ url: '/s', open, retryMs: 100 });
		tail.start();
		sources[0].opened();
		tail.stop();
		expect(sources[0].closed).toBe(true);
		expect(tail.state).toBe('off');
		tail.start();
		sources[1].fail(2);
		tail.stop();
		vi.advanceTimersByTime(1000);
		expect(sources).toHaveLength(2);
		expect(tail.state).toBe('off');
	});

	it('skips a frame that is not JSON', () => {
		const tail = new LiveTail({ url: '/s', open });
		tail.start();
		for (const l of (sources[0] as unknown as { listeners: Map<string, ((e: MessageEvent) => void)[]> }).listeners.get('invocation')!) {
			l(new MessageEvent('invocation', { data: 'not json' }));
		}
		expect(tail.items).toEqual([]);
	});
});
