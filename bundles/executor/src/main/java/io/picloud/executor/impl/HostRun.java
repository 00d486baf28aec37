package io.picloud.executor.impl;

import io.picloud.api.HostPackage;
import io.picloud.api.ScriptSettings;
import io.picloud.rhai.BlockingCheck;
import io.picloud.rhai.RhaiRuntimeException;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One run as its host functions see it ({@link io.picloud.rhai.RunOptions#hostData()}), and what the executor
 * counts of their calls: calls and bytes against the run's host limits, its deadline, the secret values to hide.
 * Host functions run on the script's thread, but a host API may hand work to others, so counters are plain and
 * the secrets and states are guarded by this object. Both are made at their first use: most runs call no host
 * function, and this object is made for every run.
 */
final class HostRun implements HostPackage.Call, BlockingCheck {
    static final String LEFT = "ErrorTerminated";
    private static final String MASK = "***";

    private final String script;
    private final int version;
    private final ScriptSettings settings;
    private final int depth;
    private final HostLimits limits;
    private final long deadlineNanos;
    private final boolean inline;
    private Set<String> secrets;
    private Map<Class<?>, Object> states;
    private int calls;
    private long bytes;
    private boolean left;

    /** {@code timeoutMillis} 0: no deadline; {@code inline}: on an I/O thread, where no host function may run. */
    HostRun(String script, int version, ScriptSettings settings, int depth, HostLimits limits, long timeoutMillis,
            boolean inline) {
        this.script = script;
        this.version = version;
        this.settings = settings;
        this.depth = depth;
        this.limits = limits;
        this.deadlineNanos = timeoutMillis <= 0 ? 0 : System.nanoTime() + timeoutMillis * 1_000_000L;
        this.inline = inline;
    }

    @Override
    public String script() {
        return script;
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public ScriptSettings settings() {
        return settings;
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public long remainingMillis() {
        return deadlineNanos == 0 ? Long.MAX_VALUE : Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }

    @Override
    public void redact(String value) {
        if (value != null && !value.isEmpty()) {
            synchronized (this) {
                if (secrets == null) {
                    secrets = new LinkedHashSet<>(2);
                }
                secrets.add(value);
            }
        }
    }

    @Override
    public <T> T state(Class<T> type, Supplier<T> create) {
        synchronized (this) {
            if (states == null) {
                states = new HashMap<>(2);
            }
            return type.cast(states.computeIfAbsent(type, t -> create.get()));
        }
    }

    /**
     * Whether a host function or a function that blocks was called inline (and so the run was given up, to run
     * again on a worker).
     */
    boolean left() {
        return left;
    }

    /**
     * Before host function {@code function} runs with arguments of {@code argumentBytes}: leaves an inline run,
     * refuses a call past a host limit or the deadline (errors no script can catch).
     */
    void beforeCall(String function, long argumentBytes) {
        if (inline) {
            left = true;
            throw limit(LEFT, "host function " + function + " is not called inline");
        }
        if (++calls > limits.maxCalls() && limits.maxCalls() > 0) {
            throw limit("ErrorTooManyOperations", "more than " + limits.maxCalls() + " host calls in one run "
                    + "(maxHostCalls), at " + function);
        }
        if (deadlineNanos != 0 && System.nanoTime() >= deadlineNanos) {
            throw limit("ErrorTerminated", "the run's time is up before " + function);
        }
        charge(function, argumentBytes);
    }

    /**
     * Before a function of the engine blocks the thread ({@code sleep}): leaves an inline run as a host function
     * call does, before it waits; a run on a worker may wait.
     */
    @Override
    public void beforeBlocking(String function) {
        if (inline) {
            left = true;
            throw limit(LEFT, function + " blocks; it is not called inline");
        }
    }

    /** After a host function answered {@code resultBytes}. */
    void afterCall(String function, long resultBytes) {
        charge(function, resultBytes);
    }

    private void charge(String function, long n) {
        bytes += n;
        if (bytes > limits.maxBytes() && limits.maxBytes() > 0) {
            throw limit("ErrorDataTooLarge", "more than " + limits.maxBytes() + " bytes to and from host "
                    + "functions in one run (maxHostBytes), at " + function);
        }
    }

    private RhaiRuntimeException limit(String kind, String message) {
        return new RhaiRuntimeException(kind, message, script, 0, 0, null, null);
    }

    /** {@code text} with every secret value the run read replaced by {@code ***}. */
    String redactText(String text) {
        if (text == null || !hasSecrets()) {
            return text;
        }
        String out = text;
        for (String secret : secretsNow()) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    synchronized boolean hasSecrets() {
        return secrets != null && !secrets.isEmpty();
    }

    private synchronized String[] secretsNow() {
        return secrets == null ? new String[0] : secrets.toArray(new String[0]);
    }

    /** The per-run host limits. {@code maxCalls}/{@code maxBytes} 0: none. */
    record HostLimits(int maxCalls, long maxBytes) {
    }
}
