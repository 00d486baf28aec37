package io.picloud.trigger.runtime.impl;

import io.picloud.api.ClaimStore;

/**
 * This node's exactly-once claims: the {@link ClaimStore} bound to the node's name and the
 * {@code claimRetentionDays} setting. A won claim is pending until it is kept or released: another node claiming
 * the same key meanwhile waits, and wins if the claim is released (the winner could not fire after all), so a due
 * time is neither run twice nor lost when the winning node stops between claim and fire.
 */
@FunctionalInterface
interface Claims {
    /** The pending claim of {@code key}, or null when another node has it or the claim cannot be recorded. */
    ClaimStore.Claim claim(String key);

    /** Claims of {@code node} in {@code store}, kept {@code retentionDays} days. */
    static Claims of(ClaimStore store, String node, int retentionDays) {
        return key -> store.claim(node, key, retentionDays);
    }
}
