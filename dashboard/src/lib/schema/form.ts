// A form model from a JSON Schema (the trigger types' config schemas): the fields to render, the raw values the
// inputs hold (the "draft"), and the value object built back from them with the problems found on the way.

/** The part of JSON Schema (2020-12) the form understands. */
export interface JsonSchema {
	type?: string | string[];
	title?: string;
	description?: string;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	enum?: unknown[];
	const?: unknown;
	default?: unknown;
	examples?: unknown[];
	minimum?: number;
	maximum?: number;
	exclusiveMinimum?: number;
	exclusiveMaximum?: number;
	multipleOf?: number;
	minLength?: number;
	maxLength?: number;
	pattern?: string;
	format?: string;
	items?: JsonSchema;
	minItems?: number;
	maxItems?: number;
	writeOnly?: boolean;
	readOnly?: boolean;
}

/** How the API shows a stored write-only value; sent back unchanged, the server keeps the stored one. */
export const MASK = '********';

export type Kind = 'string' | 'secret' | 'integer' | 'number' | 'boolean' | 'enum' | 'list' | 'choices' | 'json';

interface Common {
	/** Dotted path inside the value: `schedule`, `tls.ca`. Also the `field` a 422 names (after `config.`). */
	path: string;
	label: string;
	description?: string;
	required: boolean;
	schema: JsonSchema;
}
export type Field = (Common & { kind: Kind }) | (Common & { kind: 'object'; children: Field[] });

/** Raw input values by field path: text for text-like inputs, booleans for checkboxes, lists for choice groups. */
export type Draft = Record<string, unknown>;

export interface Built {
	value: Record<string, unknown>;
	problems: Record<string, string>;
}

/** The fields of an object schema, in its properties' order; nested objects become groups. */
export function fieldsOf(schema: JsonSchema | null | undefined, prefix = ''): Field[] {
	const required = new Set(schema?.required ?? []);
	return Object.entries(schema?.properties ?? {})
		.filter(([, s]) => !s.readOnly)
		.map(([key, s]) => {
			const path = prefix ? `${prefix}.${key}` : key;
			const common: Common = { path, label: s.title ?? humanize(key), description: s.description, required: required.has(key), schema: s };
			const kind = kindOf(s);
			return kind === 'object' ? { ...common, kind, children: fieldsOf(s, path) } : { ...common, kind };
		});
}

function kindOf(s: JsonSchema): Kind | 'object' {
	if (Array.isArray(s.enum)) return 'enum';
	const type = mainType(s);
	if (type === 'object' && s.properties) return 'object';
	if (type === 'array' && s.items && (mainType(s.items) === 'string' || s.items.enum)) {
		return s.items.enum ? 'choices' : 'list';
	}
	if (type === 'string') return s.writeOnly ? 'secret' : 'string';
	if (type === 'integer' || type === 'number' || type === 'boolean') return type;
	return 'json';
}

function mainType(s: JsonSchema): string | undefined {
	return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
}

/** `timezone` → "Timezone", `maxRetries` / `max_retries` → "Max retries", short keys (`qos`) upper-cased. */
export function humanize(key: string): string {
	if (key.length <= 3) return key.toUpperCase();
	const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The inputs' starting values: the existing value where there is one, else the schema's default, else empty. */
export function initialDraft(fields: Field[], value: Record<string, unknown> | null | undefined): Draft {
	const draft: Draft = {};
	for (const f of fields) {
		const own = value?.[lastKey(f.path)];
		if (f.kind === 'object') {
			Object.assign(draft, initialDraft(f.children, isObject(own) ? own : undefined));
			continue;
		}
		const v = own !== undefined ? own : f.schema.default;
		draft[f.path] = toRaw(f, v);
	}
	return draft;
}

function toRaw(f: Field, v: unknown): unknown {
	switch (f.kind) {
		case 'boolean':
			return v === true;
		case 'enum':
			return v === undefined ? '' : JSON.stringify(v);
		case 'list':
			return Array.isArray(v) ? v.join('\n') : '';
		case 'choices':
			return Array.isArray(v) ? v.map((x) => JSON.stringify(x)) : [];
		case 'json':
			return v === undefined ? '' : JSON.stringify(v, null, 2);
		default:
			return v === undefined || v === null ? '' : String(v);
	}
}

/**
 * The value object the draft describes, and what is wrong with it by field path. Empty optional fields are left
 * out, so the server applies the type's own defaults; an empty required field is a problem.
 */
export function buildValue(fields: Field[], draft: Draft): Built {
	const value: Record<string, unknown> = {};
	const problems: Record<string, string> = {};
	for (const f of fields) {
		const key = lastKey(f.path);
		if (f.kind === 'object') {
			const inner = buildValue(f.children, draft);
			const filled = Object.keys(inner.value).length > 0 || Object.values(inner.problems).some((p) => p !== 'is required');
			// An optional group left empty is simply absent: its required members only count once it is used.
			if (filled || f.required) {
				Object.assign(problems, inner.problems);
				value[key] = inner.value;
			}
			continue;
		}
		const r = fromRaw(f, draft[f.path]);
		if (r.problem) problems[f.path] = r.problem;
		else if (r.empty && f.required) problems[f.path] = 'is required';
		else if (!r.empty) value[key] = r.value;
	}
	return { value, problems };
}

interface Parsed {
	empty: boolean;
	value?: unknown;
	problem?: string;
}

function fromRaw(f: Field, raw: unknown): Parsed {
	const s = f.schema;
	if (f.kind === 'boolean') return { empty: false, value: raw === true };
	if (f.kind === 'choices') {
		const picked = Array.isArray(raw) ? raw.map((x) => JSON.parse(String(x))) : [];
		return picked.length === 0 ? { empty: true } : { empty: false, value: picked, problem: countProblem(s, picked.length) };
	}
	const text = raw === null || raw === undefined ? '' : String(raw);
	if (f.kind !== 'secret' && f.kind !== 'string' ? text.trim() === '' : text === '') return { empty: true };
	switch (f.kind) {
		case 'enum':
			return { empty: false, value: JSON.parse(text) };
		case 'integer':
		case 'number':
			return numberOf(s, text, f.kind === 'integer');
		case 'list': {
			const items = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
			if (items.length === 0) return { empty: true };
			const bad = items.map((i) => stringProblem(s.items ?? {}, i)).find((p) => p);
			return { empty: false, value: items, problem: bad ? `each line ${bad}` : countProblem(s, items.length) };
		}
		case 'secret':
			// The server answers a stored secret as this mask and keeps the stored value when it comes back.
			return text === MASK ? { empty: false, value: MASK } : { empty: false, value: text, problem: stringProblem(s, text) };
		case 'json':
			try {
				return { empty: false, value: JSON.parse(text) };
			} catch {
				return { empty: false, value: text, problem: 'is not valid JSON' };
			}
		default:
			return { empty: false, value: text, problem: stringProblem(s, text) };
	}
}

function numberOf(s: JsonSchema, text: string, integer: boolean): Parsed {
	const n = Number(text);
	if (!Number.isFinite(n)) return { empty: false, value: text, problem: 'must be a number' };
	if (integer && !Number.isInteger(n)) return { empty: false, value: n, problem: 'must be a whole number' };
	let problem: string | undefined;
	if (s.minimum !== undefined && n < s.minimum) problem = `must be at least ${s.minimum}`;
	else if (s.maximum !== undefined && n > s.maximum) problem = `must be at most ${s.maximum}`;
	else if (s.exclusiveMinimum !== undefined && n <= s.exclusiveMinimum) problem = `must be more than ${s.exclusiveMinimum}`;
	else if (s.exclusiveMaximum !== undefined && n >= s.exclusiveMaximum) problem = `must be less than ${s.exclusiveMaximum}`;
	return { empty: false, value: n, problem };
}

function stringProblem(s: JsonSchema, text: string): string | undefined {
	const length = [...text].length;
	if (s.minLength !== undefined && length < s.minLength) return `must have at least ${s.minLength} characters`;
	if (s.maxLength !== undefined && length > s.maxLength) return `must have at most ${s.maxLength} characters`;
	if (s.pattern && !matches(s.pattern, text)) return `does not have the expected form`;
	return undefined;
}

function countProblem(s: JsonSchema, n: number): string | undefined {
	if (s.minItems !== undefined && n < s.minItems) return `needs at least ${s.minItems}`;
	if (s.maxItems !== undefined && n > s.maxItems) return `allows at most ${s.maxItems}`;
	return undefined;
}

/** A schema pattern the browser cannot compile is left to the server to check. */
function matches(pattern: string, text: string): boolean {
	try {
		return new RegExp(pattern, 'u').test(text);
	} catch {
		return true;
	}
}

function lastKey(path: string): string {
	return path.slice(path.lastIndexOf('.') + 1);
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The form field a 422's `field` names: `config.schedule` → `schedule`; null for the config as a whole. */
export function configField(field: string | undefined | null): string | null {
	if (!field || !field.startsWith('config.')) return null;
	return field.slice('config.'.length);
}

/** A field-level server message without the `config.key: ` prefix the trigger API puts in front. */
export function fieldMessage(field: string, message: string): string {
	return message.startsWith(field + ': ') ? message.slice(field.length + 2) : message;
}
