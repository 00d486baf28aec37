package io.picloud.api;

/**
 * A host function refused or failed a call in a way the script should see and may handle: the script gets a Rhai
 * {@code ErrorRuntime} whose {@code catch} value is the map {@code #{error: code, message: message}}; uncaught, the
 * run fails with the message, prefixed by the function's name. Never carries a Java class name or stack trace.
 */
public class HostException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    /** {@code code}: short and stable, for scripts to test ({@code ValueTooLarge}, {@code AddressRefused} ...). */
    public HostException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
