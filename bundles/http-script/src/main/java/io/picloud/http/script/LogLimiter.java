package io.picloud.http.script;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Says whether a log line about a key (a script, a binding) may be written now: at most once per period per key,
 * so that a script failing the same way on every request costs one line a minute, not one per request. Keeps at
 * most {@code maxKeys} keys (then forgets them all: a burst of new keys may log once more). Thread-safe.
 */
final class LogLimiter {
    private final LongSupplier nanoClock;
    private final long periodNanos;
    private final int maxKeys;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    LogLimiter(LongSupplier nanoClock, long periodNanos, int maxKeys) {
        this.nanoClock = nanoClock;
        this.periodNanos = periodNanos;
        this.maxKeys = maxKeys;
    }

    /** Once a minute per key, for up to 1,000 keys. */
    static LogLimiter perMinute() {
        return new LogLimiter(System::nanoTime, TimeUnit.MINUTES.toNanos(1), 1_000);
    }

    /** True when the caller should log about {@code key} now (and the period starts again). */
    boolean allow(String key) {
        String k = key == null ? "" : key;
        long now = nanoClock.getAsLong();
        Long last = lastLogged.get(k);
        if (last != null && now - last < periodNanos) {
            return false;
        }
        if (last == null && lastLogged.size() >= maxKeys) {
            lastLogged.clear();
        }
        // two threads racing past the check may both log once: harmless
        return last == null ? lastLogged.putIfAbsent(k, now) == null : lastLogged.replace(k, last, now);
    }
}
