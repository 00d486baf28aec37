// What the health banner says for an answer of GET /health (200 ok, or 503 with a reason); null when all is well.
export function healthProblem(body: unknown): string | null {
	const h = (body ?? {}) as { status?: string; reason?: string };
	if (h.status === 'ok') return null;
	return h.reason ?? 'the platform is degraded';
}
