package io.picloud.trigger.runtime.impl;

import io.picloud.api.TriggerStatus;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/** The callback of one open generation of one binding. Calls after that generation ended are refused/ignored. */
final class RuntimeCallback implements TriggerCallback {
    private static final Logger logger = LoggerFactory.getLogger(RuntimeCallback.class);

    private final TriggerRuntime runtime;
    private final BindingState state;
    private final long generation;

    RuntimeCallback(TriggerRuntime runtime, BindingState state, long generation) {
        this.runtime = runtime;
        this.state = state;
        this.generation = generation;
    }

    @Override
    public CompletionStage<TriggerResult> fire(TriggerEvent event) {
        if (!state.current(generation)) {
            return CompletableFuture.completedFuture(closed());
        }
        CompletableFuture<TriggerResult> result = new CompletableFuture<>();
        try {
            runtime.workers().execute(() -> {
                try {
                    result.complete(runtime.run(state, event));
                } catch (RuntimeException | Error e) {
                    result.complete(TriggerResult.error(TriggerResult.UNAVAILABLE, "internal error", 0, 0));
                    throw e;
                }
            });
        } catch (RejectedExecutionException e) {
            logger.warn("Binding '{}': run refused, every trigger worker is busy and the queue is full",
                    state.stored.id());
            result.complete(TriggerResult.error(TriggerResult.UNAVAILABLE,
                    "too many runs are waiting; try again later", 0, 0));
        }
        return result;
    }

    @Override
    public TriggerResult fireNow(TriggerEvent event) {
        return state.current(generation) ? runtime.run(state, event) : closed();
    }

    private static TriggerResult closed() {
        return TriggerResult.error(TriggerResult.UNAVAILABLE, "the binding was closed", 0, 0);
    }

    @Override
    public boolean claim(String key) {
        return state.current(generation) && runtime.claims().claim(key);
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
    public void recovered() {
        if (state.setIfCurrent(generation, TriggerStatus.ACTIVE, null, runtime.now())) {
            logger.info("Trigger binding '{}' ({}) is ACTIVE again", state.stored.id(), state.stored.type());
        }
    }
}
