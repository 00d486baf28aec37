package io.picloud.api;

import java.util.regex.Pattern;

/** The rule for secret names, for the control plane and {@code secret()} alike: {@code [A-Z0-9_]{1,64}}. */
public final class SecretNames {
    private static final Pattern NAME = Pattern.compile("[A-Z0-9_]{1,64}");
    /** How to say what a name must be, in an error. */
    public static final String RULE = "a secret name is 1 to 64 characters of A-Z, 0-9 and '_'";

    private SecretNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
