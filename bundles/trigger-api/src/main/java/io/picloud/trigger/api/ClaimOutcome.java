package io.picloud.trigger.api;

/**
 * What {@link TriggerCallback#tryClaim} found.
 *
 * @since 0.7
 */
public enum ClaimOutcome {
    /** This node has the key: fire the event now. */
    WON,
    /** Another node has the key, or this node had it before: do not fire. */
    TAKEN,
    /** The claim could not be recorded (the database is away): nobody fired the event; claim again later. */
    UNAVAILABLE
}
