package io.picloud.trigger.runtime.impl;

import io.picloud.api.StoredBinding;
import io.picloud.api.TriggerStatus;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerType;

import java.time.Instant;

/**
 * One known binding on this node. {@code stored}, {@code handle}, {@code openedWith}, {@code callback} are guarded by the runtime's
 * lock; the status fields by this object's monitor, which is never held while calling a plugin, so that plugins
 * may report status from any thread while the runtime calls them.
 */
final class BindingState {
    volatile StoredBinding stored;
    TriggerHandle handle;
    TriggerType openedWith;
    RuntimeCallback callback;
    /** The latest fire time seen on this node, and the latest written to the store. */
    volatile Instant firedHere;
    volatile Instant recorded;
    private final Runnable statusChanged;
    private long generation;
    private String state;
    private String reason;
    private Instant since;

    /** {@code statusChanged}: told after every change of status; must not block. */
    BindingState(StoredBinding stored, Runnable statusChanged) {
        this.stored = stored;
        this.statusChanged = statusChanged;
    }

    /** The later of the stored last fire time and the last one on this node. */
    Instant lastFired() {
        Instant stored = this.stored.lastFired();
        Instant here = firedHere;
        return stored == null ? here : here == null || stored.isAfter(here) ? stored : here;
    }

    /** Starts a new open/close generation: callbacks of older generations are ignored from now on. */
    synchronized long nextGeneration() {
        return ++generation;
    }

    synchronized boolean current(long gen) {
        return generation == gen;
    }

    /** Sets the status; returns true when it changed. */
    synchronized boolean set(String newState, String newReason, Instant now) {
        if (newState.equals(state) && java.util.Objects.equals(newReason, reason)) {
            return false;
        }
        state = newState;
        reason = newReason;
        since = now;
        statusChanged.run();
        return true;
    }

    /** Sets the status only while {@code gen} is current; returns true when it changed. */
    synchronized boolean setIfCurrent(long gen, String newState, String newReason, Instant now) {
        return generation == gen && set(newState, newReason, now);
    }

    synchronized String state() {
        return state;
    }

    synchronized TriggerStatus status(StoredBinding binding) {
        return new TriggerStatus(binding.id(), binding.type(), binding.script(), state, reason, since);
    }
}
