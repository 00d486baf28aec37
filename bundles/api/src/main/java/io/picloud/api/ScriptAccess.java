package io.picloud.api;

import java.util.Locale;

/** Who may call a script's endpoints ({@code /fn/{name}}, its http routes). */
public enum ScriptAccess {
    /** Anyone (the default). */
    PUBLIC,
    /** Only with an API key that may invoke the script: its owner's, an admin's or owner's, or one naming it. */
    KEY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The access for {@code id}, or null when it names none. */
    public static ScriptAccess fromId(String id) {
        for (ScriptAccess a : values()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        return null;
    }
}
