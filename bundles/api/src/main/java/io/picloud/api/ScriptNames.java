package io.picloud.api;

/** The rule for script names: {@code [a-z0-9][a-z0-9-]{0,62}}. Checked on every request, so without a regex. */
public final class ScriptNames {
    private static final int MAX_LENGTH = 63;

    private ScriptNames() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || name.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
