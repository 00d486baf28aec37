// Where to go after logging in: the ?next= path, when it is a path of this app (never another site).
export function safeNext(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
	if (next.startsWith('/login') || next.startsWith('/setup')) return '/';
	return next;
}
