package io.picloud.trigger.runtime.impl;

/** Exactly-once claims across the nodes of a cluster. */
interface Claims {
    /** True on exactly one node per key; false when another node has it or the claim cannot be recorded. */
    boolean claim(String key);
}
