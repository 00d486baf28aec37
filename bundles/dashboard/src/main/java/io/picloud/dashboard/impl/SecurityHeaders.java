package io.picloud.dashboard.impl;

import java.util.Map;

/**
 * The headers on every answer at {@code /}, errors included. The policy allows this origin's scripts only (the
 * build moved SvelteKit's inline bootstrap into a file, see dashboard/scripts/externalize-bootstrap.mjs), inline
 * styles (Svelte's style attributes and CodeMirror's), data: images, and API calls to this origin; no framing.
 */
final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'";

    static final Map<String, String> ALL = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Frame-Options", "DENY",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "same-origin");

    private SecurityHeaders() {
    }
}
