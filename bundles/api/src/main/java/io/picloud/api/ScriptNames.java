package io.picloud.api;

import java.util.regex.Pattern;

/** The rule for script names: {@code [a-z0-9][a-z0-9-]{0,62}}. */
public final class ScriptNames {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private ScriptNames() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
