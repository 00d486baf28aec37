// "Try it": the request form's text fields to a TestRequest and the answer's body to something readable.

/** "Name: value" lines to a header map; blank lines are skipped, a line without a colon is an error. */
export function parseHeaders(text: string): { headers: Record<string, string> } | { error: string } {
	const headers: Record<string, string> = {};
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].trim();
		if (!line) continue;
		const colon = line.indexOf(':');
		if (colon <= 0) return { error: `line ${i + 1} of the headers is not "Name: value"` };
		headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return { headers };
}

export function formatHeaders(headers: Record<string, string>): string {
	return Object.entries(headers)
		.map(([k, v]) => `${k}: ${v}`)
		.join('\n');
}

/** The body pretty-printed when it is JSON (by content type or by shape), else as it came. */
export function prettyBody(body: string | null, contentType: string | null): { text: string; json: boolean } {
	if (body == null) return { text: '', json: false };
	const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(body);
	if (looksJson) {
		try {
			return { text: JSON.stringify(JSON.parse(body), null, 2), json: true };
		} catch {
			// not JSON after all: shown as text
		}
	}
	return { text: body, json: false };
}

/** The script's JSON config from the form's text: a JSON object (the server refuses anything else). */
export function parseConfig(text: string): { value: Record<string, unknown> } | { error: string } {
	let value: unknown;
	try {
		value = JSON.parse(text.trim() === '' ? '{}' : text);
	} catch (e) {
		return { error: 'not JSON: ' + (e instanceof Error ? e.message : String(e)) };
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return { error: 'the config must be a JSON object, e.g. {"channel": "#orders"}' };
	}
	if (new TextEncoder().encode(JSON.stringify(value)).length > 64 * 1024) {
		return { error: 'the config is larger than 64 KiB' };
	}
	return { value: value as Record<string, unknown> };
}

/** Host names one per line or separated by commas; empty text is null (the operator's default list). */
export function parseHosts(text: string): string[] | null {
	const hosts = text
		.split(/[\s,]+/)
		.map((h) => h.trim().toLowerCase())
		.filter(Boolean);
	return hosts.length ? hosts : null;
}
