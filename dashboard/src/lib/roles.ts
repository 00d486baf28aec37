// The four roles, strongest first, and what follows from their order.
export const roles = ['owner', 'admin', 'developer', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** The roles at or below `role` (a key or a new user may not have more rights than its maker). */
export function rolesUpTo(role: string | undefined): Role[] {
	const i = roles.indexOf(role as Role);
	return i < 0 ? [] : roles.slice(i);
}

/** Admins and owners are managed only by owners (PATCH /admin/admins/{id}); the rest by admins too. */
export function isPrivileged(role: string): boolean {
	return role === 'owner' || role === 'admin';
}
