package io.picloud.api;

import java.time.Instant;

/**
 * One node's view of one trigger binding, as its trigger runtime last reported it ({@link BindingStatusStore}).
 *
 * @param state  a {@link TriggerStatus} state
 * @param reason why, for {@code ERROR} and {@code TYPE_MISSING}; null otherwise
 * @param since  when the binding entered this state on that node
 * @param seenAt when the node last reported it
 */
public record NodeBindingStatus(String bindingId, String node, String state, String reason, Instant since,
                                Instant seenAt) {
}
