package io.picloud.rhai;

/**
 * Cooperative cancellation of a run from another thread: the run ends with {@code ErrorTerminated} at its next
 * check (loop iteration or function call). One instance per run.
 */
public final class RunControl {
    private volatile boolean cancelled;

    public void cancel() { cancelled = true; }

    public boolean isCancelled() { return cancelled; }
}
