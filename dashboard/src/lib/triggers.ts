// Small rules about trigger bindings shared by the triggers page and its form.
import { ApiError } from '$lib/api/client';
import { configField, fieldMessage } from '$lib/schema/form';

/** Types whose bindings fire on a schedule, so next fire times can be shown (the cron type, or any with a `schedule`). */
export function isScheduled(type: { id: string; schema?: Record<string, unknown> | null } | undefined): boolean {
	if (!type) return false;
	const props = (type.schema as { properties?: Record<string, unknown> } | null)?.properties;
	return type.id === 'cron' || (props != null && 'schedule' in props);
}

export interface FieldErrors {
	/** By config path (`schedule`), for the schema form. */
	config: Record<string, string>;
	/** By top-level field (`type`, `script`, `enabled`). */
	top: Record<string, string>;
	/** What names no field (or the config as a whole). */
	general: string | null;
}

/** Where a failed save's message belongs: a 422/400 `field` of `config.<key>` at that config field, and so on. */
export function placeError(e: unknown): FieldErrors {
	const out: FieldErrors = { config: {}, top: {}, general: null };
	if (!(e instanceof ApiError)) {
		out.general = (e as Error)?.message ?? String(e);
		return out;
	}
	const field = e.body?.error?.field;
	const path = configField(field);
	if (field && path) {
		out.config[path] = fieldMessage(field, e.message);
	} else if (field && ['type', 'script', 'enabled'].includes(field)) {
		out.top[field] = e.message;
	} else {
		out.general = e.message;
	}
	return out;
}
