package io.picloud.executor.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Bounds the number of concurrent runs per script. Non-blocking: a run over the bound is refused, never queued. */
final class ConcurrencyGate {
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private volatile int maxPerScript;

    ConcurrencyGate(int maxPerScript) {
        this.maxPerScript = maxPerScript;
    }

    void setMaxPerScript(int max) {
        this.maxPerScript = max;
    }

    int maxPerScript() {
        return maxPerScript;
    }

    /** True when the run may start; then {@link #release} must follow. A bound of 0 or less means unbounded. */
    boolean tryAcquire(String script) {
        AtomicInteger counter = running.computeIfAbsent(script, k -> new AtomicInteger());
        int max = maxPerScript;
        while (true) {
            int now = counter.get();
            if (max > 0 && now >= max) {
                return false;
            }
            if (counter.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release(String script) {
        AtomicInteger counter = running.get(script);
        if (counter != null) {
            counter.decrementAndGet();
        }
    }

    int running(String script) {
        AtomicInteger counter = running.get(script);
        return counter == null ? 0 : counter.get();
    }
}
