package io.picloud.host.http.impl;

import java.util.List;
import java.util.Locale;

/**
 * Host-name allow-lists: a script's {@code allowHosts} setting, or the operator's default. {@code api.example.com}
 * matches that name only; {@code *.example.com} matches every sub-domain at any depth ({@code a.example.com},
 * {@code a.b.example.com}) but not {@code example.com} itself. Case and a trailing dot are ignored. An allow-list
 * narrows which names may be asked for; it never lets a request reach an address the {@link AddressPolicy} refuses.
 */
final class HostPatterns {
    private HostPatterns() {
    }

    /** Whether {@code host} matches one of {@code patterns}. */
    static boolean matches(List<String> patterns, String host) {
        String h = normalise(host);
        if (h.isEmpty()) {
            return false;
        }
        for (String pattern : patterns) {
            String p = normalise(pattern);
            if (p.startsWith("*.")) {
                String suffix = p.substring(1);                   // ".example.com"
                if (h.length() > suffix.length() && h.endsWith(suffix)) {
                    return true;
                }
            } else if (!p.isEmpty() && p.equals(h)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, no surrounding blanks, brackets of an IPv6 literal or trailing dot. */
    static String normalise(String host) {
        if (host == null) {
            return "";
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }
}
