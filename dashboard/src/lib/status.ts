// The tone a status word is shown in: fine, on its way (a binding STARTING until its broker acknowledged the
// subscription, a queued or running run), failed, or neither. The word itself carries the meaning, not the colour.
export type StatusTone = 'ok' | 'warn' | 'err' | 'muted';

const OK = new Set(['ok', 'ACTIVE', 'up', 'succeeded']);
const WARN = new Set(['STARTING', 'queued', 'running', 'failed']);
const ERR = new Set(['error', 'limit', 'ERROR', 'TYPE_MISSING', 'down', 'dead']);

export function statusTone(status: string): StatusTone {
	if (OK.has(status)) return 'ok';
	if (WARN.has(status)) return 'warn';
	if (ERR.has(status)) return 'err';
	return 'muted';
}

/** What a binding's status means, for people who do not know the word (the badge's tooltip). */
export function bindingStatusHint(status: string): string | undefined {
	switch (status) {
		case 'STARTING':
			return 'Opened, not receiving events yet (e.g. waiting for the MQTT broker to acknowledge the subscription)';
		case 'ACTIVE':
			return 'Open and receiving events';
		case 'ERROR':
			return 'Cannot work now; the detail says why';
		case 'TYPE_MISSING':
			return 'Its trigger plugin is not installed; it opens when the plugin arrives';
		case 'DISABLED':
			return 'Stored but switched off';
		case 'UNKNOWN':
			return 'No node has reported it';
		default:
			return undefined;
	}
}
