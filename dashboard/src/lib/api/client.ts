// The one module that talks to /api/v1: every page goes through `api` (typed from the server's OpenAPI document,
// generated into schema.d.ts at build time), so a REST change that breaks the dashboard fails `npm run check`.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** The JSON error every 4xx/5xx of /api/v1 carries. */
export interface ApiErrorBody {
	error: { code: string; message: string; field?: string; line?: number; column?: number; errors?: unknown[] };
}

/** A failed call: the HTTP status and the server's error object (code, message, and any detail it sent). */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly body: ApiErrorBody | null
	) {
		super(message);
	}
}

let csrfToken: string | null = null;

/** Set from the session (login or GET /session); sent with every change made with the session cookie. */
export function setCsrfToken(token: string | null): void {
	csrfToken = token;
}

type Listener = (status: 401 | 403) => void;
const authListeners = new Set<Listener>();

/** Called on every 401 (the session ended) and a read's 403 (not allowed): the layout shows the matching page. */
export function onAuthProblem(listener: Listener): () => void {
	authListeners.add(listener);
	return () => authListeners.delete(listener);
}

/** The method of each answer's request: a refused read replaces the page, a refused change is shown inline. */
const methods = new WeakMap<Response, string>();

const csrf: Middleware = {
	onRequest({ request }) {
		if (csrfToken && request.method !== 'GET' && request.method !== 'HEAD') {
			request.headers.set('X-CSRF-Token', csrfToken);
		}
		return request;
	},
	onResponse({ request, response }) {
		methods.set(response, request.method);
		return response;
	}
};

export const api = createClient<paths>({ baseUrl: '/api/v1', credentials: 'same-origin' });
api.use(csrf);

/**
 * Unwraps an openapi-fetch result: the data, or an ApiError thrown with the server's message. A 401, and a 403 of a
 * read, are also told to the auth listeners (the layout shows the log-in or "Not allowed" page); a 403 of a change
 * is only thrown, for the page to show beside the control that made it.
 */
export async function call<T>(
	pending: Promise<{ data?: T; error?: unknown; response: Response }>,
	opts: { quietAuth?: boolean } = {}
): Promise<T> {
	const { data, error, response } = await pending;
	if (response.ok) {
		return data as T;
	}
	const body = (error ?? null) as ApiErrorBody | null;
	const read = (methods.get(response) ?? 'GET') === 'GET';
	if (!opts.quietAuth && (response.status === 401 || (response.status === 403 && read))) {
		authListeners.forEach((l) => l(response.status as 401 | 403));
	}
	throw new ApiError(
		response.status,
		body?.error?.code ?? 'http_' + response.status,
		body?.error?.message ?? response.statusText,
		body
	);
}
