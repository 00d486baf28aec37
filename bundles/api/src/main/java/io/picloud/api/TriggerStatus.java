package io.picloud.api;

import java.time.Instant;

/**
 * Where a binding stands on this node.
 *
 * @param state  {@link #STARTING}, {@link #ACTIVE}, {@link #TYPE_MISSING}, {@link #ERROR} or {@link #DISABLED}
 * @param reason why it is in {@code STARTING}, {@code ERROR} or {@code TYPE_MISSING}, for users; null otherwise
 * @param since  when it entered this state
 */
public record TriggerStatus(String bindingId, String type, String script, String state, String reason,
                            Instant since) {
    /** Opened, but not listening yet (an MQTT subscription the broker has not acknowledged). */
    public static final String STARTING = "STARTING";
    /** Open and listening. */
    public static final String ACTIVE = "ACTIVE";
    /** Its trigger type is not installed; it opens when the type arrives. */
    public static final String TYPE_MISSING = "TYPE_MISSING";
    /** It cannot work now; see {@code reason}. */
    public static final String ERROR = "ERROR";
    /** Stored but switched off. */
    public static final String DISABLED = "DISABLED";
}
