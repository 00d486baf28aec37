// Who may change a script, as the server decides it (docs/api.md, "Roles"): its owner when a developer, and every
// admin and owner. The pages show edit controls only to them; the server still checks every change.
import type { Schemas } from '$lib/api/client';

export function canChange(user: Schemas['User'] | null, scriptOwner: string | null | undefined): boolean {
	if (!user) return false;
	if (user.role === 'owner' || user.role === 'admin') return true;
	return user.role === 'developer' && scriptOwner != null && scriptOwner === user.username;
}

/** Creating a script: developers and above. */
export function canCreate(user: Schemas['User'] | null): boolean {
	return user != null && user.role !== 'viewer';
}

/** The rule for script names (the server's ScriptNames). */
export const SCRIPT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** The rule for secret names. */
export const SECRET_NAME = /^[A-Z0-9_]{1,64}$/;
