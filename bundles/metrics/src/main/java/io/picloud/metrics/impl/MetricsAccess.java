package io.picloud.metrics.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may read {@code /metrics}: a client on the loopback address (a Prometheus beside the node), or anyone
 * presenting {@code Authorization: Bearer <token>} when a token is set. A proxy on the same host (Caddy) connects
 * from loopback too, which is why the shipped Caddy files answer {@code /metrics} themselves with a 404.
 */
record MetricsAccess(String token) {
    enum Decision { ALLOW, UNAUTHENTICATED, FORBIDDEN }

    MetricsAccess {
        token = token == null || token.isBlank() ? null : token.trim();
    }

    Decision check(String remoteAddress, String authorization) {
        if (token != null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                        authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            return Decision.ALLOW;
        }
        if (loopback(remoteAddress)) {
            return Decision.ALLOW;
        }
        return token == null ? Decision.FORBIDDEN : Decision.UNAUTHENTICATED;
    }

    /** A literal IP on the loopback network; anything else (or a name, which is never resolved here) is not. */
    static boolean loopback(String address) {
        String literal = address != null && address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        if (literal == null || !literal.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress(); // a literal: parsed, no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
