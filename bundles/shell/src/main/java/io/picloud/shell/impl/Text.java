package io.picloud.shell.impl;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;

import io.picloud.api.ScriptNames;

/** Small formatting and validation helpers shared by the commands. */
final class Text {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    static String shortHash(String hash) {
        return hash == null ? "" : hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    static String orEmpty(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    static String joined(Collection<String> items) {
        return items == null ? "" : String.join(",", items);
    }

    /** A configuration as one line, {@code key=value, ...}, as the service returned it (secrets masked). */
    static String config(Map<String, Object> config) {
        StringBuilder b = new StringBuilder();
        if (config != null) {
            for (Map.Entry<String, Object> e : config.entrySet()) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return b.toString();
    }

    /** For picloud:invoke, which runs through the dispatcher rather than a control-plane service. */
    static void requireValidName(String name) {
        if (!ScriptNames.isValid(name)) {
            throw new IllegalArgumentException("Invalid script name '" + name
                    + "': use 1-63 characters a-z, 0-9 and '-', starting with a letter or digit");
        }
    }
}
