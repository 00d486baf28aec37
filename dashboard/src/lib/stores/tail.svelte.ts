// The live tail: runs pushed by the server over Server-Sent Events (GET /invocations/stream), newest first, at most
// `cap` of them. No polling: the browser's EventSource keeps the connection and retries by itself; when it gives up
// (the server refused, e.g. 429 too many streams) the tail opens a new one after a growing pause.

export type TailState = 'off' | 'connecting' | 'live' | 'reconnecting';

/** What the tail needs of an EventSource (the browser's, or a fake in tests). */
export interface EventSourceLike {
	readonly readyState: number;
	onopen: ((e: Event) => void) | null;
	onerror: ((e: Event) => void) | null;
	addEventListener(type: string, listener: (e: MessageEvent) => void): void;
	close(): void;
}

const CLOSED = 2;

export interface TailOptions {
	url: string;
	cap?: number;
	open?: (url: string) => EventSourceLike;
	/** The first pause before reopening a stream the browser gave up on; doubled up to `maxRetryMs`. */
	retryMs?: number;
	maxRetryMs?: number;
}

export class LiveTail<T extends { id?: string }> {
	items = $state<T[]>([]);
	state = $state<TailState>('off');

	private source: EventSourceLike | null = null;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private pause: number;
	private readonly cap: number;
	private readonly open: (url: string) => EventSourceLike;
	private readonly options: TailOptions;

	constructor(options: TailOptions) {
		this.options = options;
		this.cap = options.cap ?? 100;
		this.pause = options.retryMs ?? 1000;
		this.open = options.open ?? ((url) => new EventSource(url, { withCredentials: true }));
	}

	start(): void {
		if (this.source || this.timer) return;
		this.state = 'connecting';
		this.connect();
	}

	stop(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		this.source?.close();
		this.source = null;
		this.state = 'off';
	}

	/** Puts a run at the top (a run seen again replaces nothing: it is already listed) and drops the oldest beyond the cap. */
	add(item: T): void {
		if (item.id !== undefined && this.items.some((i) => i.id === item.id)) return;
		this.items = [item, ...this.items].slice(0, this.cap);
	}

	clear(): void {
		this.items = [];
	}

	private connect(): void {
		const source = this.open(this.options.url);
		this.source = source;
		source.onopen = () => {
			this.state = 'live';
			this.pause = this.options.retryMs ?? 1000;
		};
		source.onerror = () => {
			if (this.source !== source) return;
			this.state = 'reconnecting';
			if (source.readyState === CLOSED) {
				source.close();
				this.source = null;
				this.retryLater();
			}
		};
		source.addEventListener('invocation', (e) => {
			try {
				this.add(JSON.parse(e.data) as T);
			} catch {
				// A frame that is not JSON is not a run; the next one will be.
			}
		});
	}

	private retryLater(): void {
		const wait = this.pause;
		this.pause = Math.min(this.pause * 2, this.options.maxRetryMs ?? 30000);
		this.timer = setTimeout(() => {
			this.timer = null;
			this.connect();
		}, wait);
	}
}
