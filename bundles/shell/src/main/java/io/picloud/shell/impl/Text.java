package io.picloud.shell.impl;

import io.picloud.api.ScriptNames;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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

    static void requireValidName(String name) {
        if (!ScriptNames.isValid(name)) {
            throw new IllegalArgumentException("Invalid script name '" + name
                    + "': use 1-63 characters a-z, 0-9 and '-', starting with a letter or digit");
        }
    }
}
