package io.picloud.trigger.runtime.impl;

/**
 * Exactly-once claims across the nodes of a cluster. A won claim is pending until it is kept or released: another
 * node claiming the same key meanwhile waits, and wins if the claim is released (the winner could not fire after
 * all), so a due time is neither run twice nor lost when the winning node stops between claim and fire.
 */
interface Claims {
    /** The pending claim of {@code key}, or null when another node has it or the claim cannot be recorded. */
    Claim claim(String key);

    /** A won, pending claim. Exactly one of the two methods is called, once; neither throws. */
    interface Claim {
        /** The event was handed over to run: the claim stands for good. */
        void keep();

        /** The event will not run here: forget the claim, so that a node waiting for it may take it. */
        void release();
    }
}
