package io.picloud.trigger.runtime.impl;

import io.picloud.api.ClaimStore;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.TriggerStatus;
import io.picloud.trigger.api.CallerAccess;
import io.picloud.trigger.api.ClaimOutcome;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * The callback of one open generation of one binding. Calls after that generation ended are refused/ignored.
 * Bindings of a type that responds to requests run their script here; all others are {@code queued}: their events
 * become runs in the run queue. A won claim stays pending until the next fire on this callback decides it: kept when
 * the run is handed to a worker (queued: once it is committed to the queue), released when the run is refused, could
 * not be queued, or the generation ends first, so that a node stopping between claim and fire lets the node waiting
 * on the same key fire instead, and a due time that found the database away can be claimed again.
 */
final class RuntimeCallback implements TriggerCallback {
    private static final Logger logger = LoggerFactory.getLogger(RuntimeCallback.class);

    private final TriggerRuntime runtime;
    private final BindingState state;
    private final long generation;
    private final boolean queued;
    // written under this object's monitor; volatile so that fireInline reads it without taking the monitor (two
    // I/O threads answering the same route contended for it on every request)
    private volatile ClaimStore.Claim pending;

    RuntimeCallback(TriggerRuntime runtime, BindingState state, long generation, boolean queued) {
        this.runtime = runtime;
        this.state = state;
        this.generation = generation;
        this.queued = queued;
    }

    @Override
    public CallerAccess access(String key) {
        return runtime.access(state.stored.script(), key);
    }

    @Override
    public CompletionStage<TriggerResult> fire(TriggerEvent event) {
        TriggerResult limited = runtime.requestLimits().refused(state.stored);
        if (limited != null) {
            return CompletableFuture.completedFuture(limited); // request bindings take no claims
        }
        ClaimStore.Claim claim = takePending();
        if (!state.current(generation)) {
            settle(claim, false);
            return CompletableFuture.completedFuture(closed());
        }
        CompletableFuture<TriggerResult> result = new CompletableFuture<>();
        try {
            runtime.workers().execute(() -> {
                try {
                    result.complete(queued ? queue(claim, event) : runtime.run(state, event));
                } catch (RuntimeException | Error e) {
                    result.complete(TriggerResult.error(TriggerResult.UNAVAILABLE, "internal error", 0, 0));
                    throw e;
                }
            });
            if (!queued) {
                settle(claim, true);
            }
        } catch (RejectedExecutionException e) {
            settle(claim, false);
            logger.warn("Binding '{}': run refused, every trigger worker is busy and the queue is full",
                    state.stored.id());
            result.complete(TriggerResult.error(TriggerResult.UNAVAILABLE,
                    "too many runs are waiting; try again later", 0, 0));
        }
        return result;
    }

    @Override
    public TriggerResult fireNow(TriggerEvent event) {
        if (!queued) {
            // as fire: a request binding's run takes a token of the script's rate limit (a plugin answering on its
            // own request thread calls this rather than waiting for fire's hand-over to a runtime thread)
            TriggerResult limited = runtime.requestLimits().refused(state.stored);
            if (limited != null) {
                return limited;
            }
        }
        ClaimStore.Claim claim = takePending();
        boolean current = state.current(generation);
        if (queued && current) {
            return queue(claim, event);
        }
        settle(claim, current);
        return current ? runtime.run(state, event) : closed();
    }

    /** Queues the run; the claim stands only once the run is committed to the queue. */
    private TriggerResult queue(ClaimStore.Claim claim, TriggerEvent event) {
        TriggerResult result;
        try {
            result = runtime.queue(state, event);
        } catch (RuntimeException | Error e) {
            settle(claim, false);
            throw e;
        }
        settle(claim, result.succeeded());
        return result;
    }

    @Override
    public TriggerResult fireInline(TriggerEvent event) {
        return mayFireHere() ? runtime.runInline(state, event) : null;
    }

    @Override
    public boolean mayFireInline() {
        return mayFireHere() && runtime.mayRunInline(state);
    }

    /** What {@link #fireInline} checks of this binding before it asks the dispatcher. */
    private boolean mayFireHere() {
        if (queued) {
            return false;   // queueing writes to the database: never on an I/O thread
        }
        if (runtime.requestLimits().mustTakeToken(state.stored)) {
            return false;   // fire takes the token: one call, one token
        }
        if (pending != null) {
            return false; // a claim is settled by fire, which may wait for the database
        }
        return state.current(generation);
    }

    private static TriggerResult closed() {
        return TriggerResult.error(TriggerResult.UNAVAILABLE, "the binding was closed", 0, 0);
    }

    @Override
    public boolean claim(String key) {
        return tryClaim(key) == ClaimOutcome.WON;
    }

    @Override
    public ClaimOutcome tryClaim(String key) {
        if (!state.current(generation)) {
            return ClaimOutcome.TAKEN;
        }
        ClaimStore.Claim claim;
        try {
            claim = runtime.claims().claim(key);    // may wait for another node's pending claim
        } catch (StoreUnavailableException e) {
            logger.debug("Binding '{}': claim '{}' not recorded, the database is away", state.stored.id(), key);
            return ClaimOutcome.UNAVAILABLE;
        }
        if (claim == null) {
            return ClaimOutcome.TAKEN;
        }
        ClaimStore.Claim previous;
        synchronized (this) {
            if (!state.current(generation)) {
                claim.release();        // closed while claiming: ended() has run already
                return ClaimOutcome.TAKEN;
            }
            previous = pending;
            pending = claim;
        }
        settle(previous, true);         // claimed without firing it: the plugin's choice, as before
        return ClaimOutcome.WON;
    }

    /** The generation ended (the runtime moved it on first): a claim not fired yet is given back. */
    void ended() {
        settle(takePending(), false);
    }

    private synchronized ClaimStore.Claim takePending() {
        ClaimStore.Claim claim = pending;
        pending = null;
        return claim;
    }

    private static void settle(ClaimStore.Claim claim, boolean keep) {
        if (claim == null) {
            return;
        }
        if (keep) {
            claim.keep();
        } else {
            claim.release();
        }
    }

    @Override
    public void failed(String reason, Throwable cause) {
        String text = reason == null || reason.isBlank() ? "the trigger reported a failure" : reason;
        if (state.setIfCurrent(generation, TriggerStatus.ERROR, text, runtime.now())) {
            logger.warn("Trigger binding '{}' ({}) is in ERROR: {}", state.stored.id(), state.stored.type(), text);
            if (cause != null) {
                logger.debug("Cause of the failure of binding '{}'", state.stored.id(), cause);
            }
        }
    }

    @Override
    public void starting(String reason) {
        String text = reason == null || reason.isBlank() ? "the trigger is starting" : reason;
        if (state.setIfCurrent(generation, TriggerStatus.STARTING, text, runtime.now())) {
            logger.debug("Trigger binding '{}' ({}) is STARTING: {}", state.stored.id(), state.stored.type(), text);
        }
    }

    @Override
    public void recovered() {
        String before = state.state();
        if (state.setIfCurrent(generation, TriggerStatus.ACTIVE, null, runtime.now())) {
            if (TriggerStatus.STARTING.equals(before)) {
                logger.debug("Trigger binding '{}' ({}) is ACTIVE", state.stored.id(), state.stored.type());
            } else {
                logger.info("Trigger binding '{}' ({}) is ACTIVE again", state.stored.id(), state.stored.type());
            }
        }
    }
}
