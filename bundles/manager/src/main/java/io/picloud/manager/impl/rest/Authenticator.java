package io.picloud.manager.impl.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

import io.picloud.api.control.ApiKeyService;
import io.picloud.api.control.Principal;
import io.picloud.api.control.RateLimiter;
import io.picloud.api.control.SessionService;

/**
 * Who calls: {@code Authorization: Bearer <key>} for clients, else the {@code picloud_session} cookie of the
 * dashboard; a change (not GET/HEAD) made with the cookie needs {@code X-CSRF-Token}. The client's address is the
 * connection's, or the first {@code X-Forwarded-For} entry when the connection comes from a trusted proxy. Each call
 * made with a key takes a token of the key's bucket ({@link RateLimiter#admitKey}): beyond the operator's per-key
 * limit the answer is 429 {@code rate_limited} with {@code Retry-After}. Session calls (the dashboard) are not
 * limited per key.
 */
final class Authenticator {
    static final String COOKIE = "picloud_session";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final ApiKeyService keys;
    private final SessionService sessions;
    private volatile Set<String> trustedProxies;
    private volatile RateLimiter limiter;

    Authenticator(ApiKeyService keys, SessionService sessions, Set<String> trustedProxies) {
        this.keys = keys;
        this.sessions = sessions;
        this.trustedProxies = trustedProxies;
    }

    void setTrustedProxies(Set<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** The per-key limits; none until set. */
    void setRateLimiter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    Principal authenticate(ApiRequest req, String method) {
        String address = clientAddress(req);
        String auth = req.header("Authorization");
        if (auth != null) {
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
                throw unauthorized("use Authorization: Bearer <key>", "invalid_request");
            }
            Principal p = keys.authenticate(auth.substring(7).strip(), address)
                    .orElseThrow(() -> unauthorized("invalid, expired or revoked API key", "invalid_token"));
            admitKey(p);
            return p;
        }
        String token = sessionToken(req);
        if (token == null) {
            throw new ApiException(401, "unauthorized", "log in (POST /api/v1/session) or send an API key: "
                    + "Authorization: Bearer <key>", null, Map.of("WWW-Authenticate", ApiErrors.CHALLENGE));
        }
        Principal p = sessions.authenticate(token, address);
        if (p == null) {
            throw unauthorized("the session has ended; log in again", "invalid_token");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            String sent = req.header(CSRF_HEADER);
            byte[] expected = sessions.csrfToken(token).getBytes(StandardCharsets.US_ASCII);
            if (sent == null || !MessageDigest.isEqual(expected, sent.getBytes(StandardCharsets.US_ASCII))) {
                throw new ApiException(403, "csrf", "a change made with the session cookie needs the header "
                        + CSRF_HEADER + " with the session's csrfToken");
            }
        }
        return p;
    }

    private void admitKey(Principal p) {
        RateLimiter l = limiter;
        RateLimiter.Admission admission = l == null ? RateLimiter.Admission.ADMITTED : l.admitKey(p.keyId());
        if (!admission.admitted()) {
            throw new ApiException(429, RateLimiter.CODE, "this API key makes more calls than its rate limit "
                    + "allows; retry after " + admission.retryAfterSeconds() + " s", null,
                    Map.of("Retry-After", Long.toString(admission.retryAfterSeconds())));
        }
    }

    String clientAddress(ApiRequest req) {
        String remote = req.remoteAddress();
        String forwarded = req.header("X-Forwarded-For");
        if (forwarded != null && remote != null && trustedProxies.contains(remote)) {
            String first = forwarded.split(",", 2)[0].strip();
            if (!first.isEmpty()) {
                return first;
            }
        }
        return remote;
    }

    /** True when the client reached us over HTTPS: told by a trusted proxy ({@code X-Forwarded-Proto}). */
    boolean secure(ApiRequest req) {
        String remote = req.remoteAddress();
        return remote != null && trustedProxies.contains(remote)
                && "https".equalsIgnoreCase(req.header("X-Forwarded-Proto"));
    }

    static String sessionToken(ApiRequest req) {
        String cookies = req.header("Cookie");
        if (cookies == null) {
            return null;
        }
        for (String c : cookies.split(";")) {
            String kv = c.strip();
            if (kv.startsWith(COOKIE + "=")) {
                String v = kv.substring(COOKIE.length() + 1);
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    private static ApiException unauthorized(String message, String error) {
        return new ApiException(401, "unauthorized", message, null,
                Map.of("WWW-Authenticate", ApiErrors.CHALLENGE + ", error=\"" + error + "\""));
    }
}
