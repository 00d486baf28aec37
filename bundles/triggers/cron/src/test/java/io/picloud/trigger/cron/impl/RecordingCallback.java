package io.picloud.trigger.cron.impl;

import io.picloud.trigger.api.ClaimOutcome;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A callback whose runs finish when the test says so; claims succeed once per key, like the runtime's, and cannot
 * be recorded while {@code databaseDown}.
 */
final class RecordingCallback implements TriggerCallback {
    volatile boolean databaseDown;
    final List<TriggerEvent> fired = new ArrayList<>();
    final List<CompletableFuture<TriggerResult>> runs = new ArrayList<>();
    final List<String> claims = new ArrayList<>();
    final Set<String> claimed;

    RecordingCallback() {
        this(new HashSet<>());
    }

    /** Callbacks sharing {@code claimed} behave like nodes of one cluster. */
    RecordingCallback(Set<String> claimed) {
        this.claimed = claimed;
    }

    @Override
    public synchronized CompletionStage<TriggerResult> fire(TriggerEvent event) {
        fired.add(event);
        CompletableFuture<TriggerResult> run = new CompletableFuture<>();
        runs.add(run);
        return run;
    }

    @Override
    public TriggerResult fireNow(TriggerEvent event) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized boolean claim(String key) {
        claims.add(key);
        synchronized (claimed) {
            return claimed.add(key);
        }
    }

    @Override
    public ClaimOutcome tryClaim(String key) {
        if (databaseDown) {
            synchronized (this) {
                claims.add(key);
            }
            return ClaimOutcome.UNAVAILABLE;
        }
        return claim(key) ? ClaimOutcome.WON : ClaimOutcome.TAKEN;
    }

    @Override
    public void failed(String reason, Throwable cause) {
    }

    @Override
    public void recovered() {
    }
}
