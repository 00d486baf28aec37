// A script's retry policy and rate limit as the settings form holds them (text fields and checkboxes) and as
// PUT /scripts/{name}/settings takes them. Bounds are the server's to check: its 422 names the field
// (`retry.maxAttempts`, `rateLimit.burst` ...), and the form shows the message there; here only what is not a number.
import { ApiError, type Schemas } from '$lib/api/client';

export const CATEGORIES = [
	{ id: 'runtime', label: 'Runtime errors' },
	{ id: 'timeout', label: 'Timeouts' },
	{ id: 'nodeLost', label: 'Node lost mid-run' },
	{ id: 'unavailable', label: 'Unavailable (store or node away)' },
	{ id: 'limit', label: 'Limits (operations, memory, data too large)' },
	{ id: 'compile', label: 'Compile errors' }
] as const;

/** The server's default (RetryPolicy.DEFAULT), used when a script has none of its own. */
export const DEFAULT_RETRY: Schemas['RetryPolicy'] = {
	maxAttempts: 3,
	initialBackoffMillis: 1000,
	maxBackoffMillis: 300_000,
	retryOn: ['runtime', 'timeout', 'nodeLost', 'unavailable']
};

export interface PolicyDraft {
	/** true: the default policy (sent as null). */
	useDefault: boolean;
	maxAttempts: string;
	initialBackoffMillis: string;
	maxBackoffMillis: string;
	categories: string[];
	/** Error kinds beyond the categories (ErrorArithmetic ...), comma- or space-separated. */
	kinds: string;
	/** Empty: no rate limit. */
	perSecond: string;
	/** Empty: perSecond rounded up. */
	burst: string;
}

const isCategory = (k: string) => CATEGORIES.some((c) => c.id === k);

export function policyDraft(retry: Schemas['RetryPolicy'] | null | undefined, rate: Schemas['RateLimit'] | null | undefined): PolicyDraft {
	const r = retry ?? DEFAULT_RETRY;
	return {
		useDefault: retry == null,
		maxAttempts: String(r.maxAttempts),
		initialBackoffMillis: String(r.initialBackoffMillis),
		maxBackoffMillis: String(r.maxBackoffMillis),
		categories: r.retryOn.filter(isCategory),
		kinds: r.retryOn.filter((k) => !isCategory(k)).join(', '),
		perSecond: rate ? String(rate.perSecond) : '',
		burst: rate ? String(rate.burst) : ''
	};
}

export type FieldErrors = Record<string, string>;

export interface PolicyChange {
	retry: Schemas['RetryPolicyChange'] | null;
	rateLimit: Schemas['RateLimitChange'] | null;
}

function whole(text: string, field: string, errors: FieldErrors): number | undefined {
	const t = text.trim();
	if (!/^\d+$/.test(t)) {
		errors[field] = 'must be a whole number';
		return undefined;
	}
	return Number(t);
}

/** The body's retry and rateLimit, or the fields (named as the server names them) that are not numbers. */
export function buildPolicy(d: PolicyDraft): { value: PolicyChange } | { errors: FieldErrors } {
	const errors: FieldErrors = {};
	let retry: Schemas['RetryPolicyChange'] | null = null;
	if (!d.useDefault) {
		const maxAttempts = whole(d.maxAttempts, 'retry.maxAttempts', errors);
		const initialBackoffMillis = whole(d.initialBackoffMillis, 'retry.initialBackoffMillis', errors);
		const maxBackoffMillis = whole(d.maxBackoffMillis, 'retry.maxBackoffMillis', errors);
		const kinds = d.kinds.split(/[\s,]+/).filter(Boolean);
		retry = { maxAttempts, initialBackoffMillis, maxBackoffMillis, retryOn: [...CATEGORIES.map((c) => c.id).filter((c) => d.categories.includes(c)), ...kinds] };
	}
	let rateLimit: Schemas['RateLimitChange'] | null = null;
	if (d.perSecond.trim()) {
		const perSecond = Number(d.perSecond.trim());
		if (!Number.isFinite(perSecond)) errors['rateLimit.perSecond'] = 'must be a number';
		rateLimit = { perSecond };
		if (d.burst.trim()) rateLimit.burst = whole(d.burst, 'rateLimit.burst', errors);
	} else if (d.burst.trim()) {
		errors['rateLimit.perSecond'] = 'a burst needs a rate: set the calls per second too, or empty both for no limit';
	}
	return Object.keys(errors).length ? { errors } : { value: { retry, rateLimit } };
}

/** A refused save: a 422 naming a field lands at that field; anything else is said at the form. */
export function placeRefusal(e: unknown): { fields: FieldErrors; general: string | null } {
	const field = e instanceof ApiError && (e.status === 422 || e.status === 400) ? e.body?.error?.field : undefined;
	if (field) return { fields: { [field]: (e as Error).message }, general: null };
	return { fields: {}, general: e instanceof Error ? e.message : String(e) };
}

/** "3 attempts, back-off 1 s to 5 min, retry on runtime, timeout" for the read-only view. */
export function describeRetry(r: Schemas['RetryPolicy'] | null | undefined): string {
	const p = r ?? DEFAULT_RETRY;
	const on = p.retryOn.length ? 'retry on ' + p.retryOn.join(', ') : 'no error retries';
	return `${p.maxAttempts} attempt${p.maxAttempts === 1 ? '' : 's'}, back-off ${p.initialBackoffMillis} ms to ${p.maxBackoffMillis} ms, ${on}${r == null ? ' (the default)' : ''}`;
}
