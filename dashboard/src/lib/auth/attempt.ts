// A change made from a form: its refusal (403, 409, 422 ...) is shown next to the form by the page, not as the
// layout's "Not allowed" page; an ended session (401) still goes to the login page, coming back here after it.
import { goto } from '$app/navigation';
import { call } from '$lib/api/client';
import { session } from '$lib/stores/session.svelte';

export async function attempt<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
	try {
		return await call(pending, { quietAuth: true });
	} catch (e) {
		if ((e as { status?: number }).status === 401) {
			session.set(null, null);
			goto('/login?next=' + encodeURIComponent(location.pathname + location.search));
		}
		throw e;
	}
}

/** The message to show for a failed call. */
export function problem(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
