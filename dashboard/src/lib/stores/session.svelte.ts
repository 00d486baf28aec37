// Who is logged in: loaded once from GET /session (user null: nobody), set by login, cleared by logout or a 401.
import { api, call, setCsrfToken, type Schemas } from '$lib/api/client';

export type User = Schemas['User'];

class SessionState {
	user = $state<User | null>(null);
	loaded = $state(false);

	/** Asks the server who the cookie belongs to; null (and no error) when nobody is logged in. */
	async load(): Promise<User | null> {
		try {
			const s = await call(api.GET('/session'), { quietAuth: true });
			this.set(s.user, s.csrfToken ?? null);
		} catch {
			this.set(null, null);
		}
		this.loaded = true;
		return this.user;
	}

	async login(username: string, password: string): Promise<User> {
		const s = await call(api.POST('/session', { body: { username, password } }), { quietAuth: true });
		if (!s.user) throw new Error('the server logged nobody in');
		this.set(s.user, s.csrfToken ?? null);
		return s.user;
	}

	async logout(): Promise<void> {
		try {
			await call(api.DELETE('/session'), { quietAuth: true });
		} finally {
			this.set(null, null);
		}
	}

	set(user: User | null, csrf: string | null): void {
		this.user = user;
		setCsrfToken(csrf);
	}

	/** Whether the logged-in user may change scripts, bindings and their settings (developer or above). */
	get canDevelop(): boolean {
		return this.user != null && ['owner', 'admin', 'developer'].includes(this.user.role);
	}

	get isAdmin(): boolean {
		return this.user != null && ['owner', 'admin'].includes(this.user.role);
	}
}

export const session = new SessionState();
