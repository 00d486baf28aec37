package io.picloud.host.http.impl;

import io.picloud.api.HostPackage;
import io.picloud.api.ScriptSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One run as the executor would show it to a host function: settings, a deadline, per-run state. */
final class TestCall implements HostPackage.Call {
    private final ScriptSettings settings;
    private final long deadlineNanos;
    private final Map<Class<?>, Object> states = new HashMap<>();

    TestCall(List<String> allowHosts, long remainingMillis) {
        this.settings = ScriptSettings.DEFAULT.withAllowHosts(allowHosts);
        this.deadlineNanos = System.nanoTime() + remainingMillis * 1_000_000L;
    }

    TestCall() {
        this(null, 60_000);
    }

    @Override
    public String script() {
        return "test";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public ScriptSettings settings() {
        return settings;
    }

    @Override
    public long remainingMillis() {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }

    @Override
    public synchronized <T> T state(Class<T> type, Supplier<T> create) {
        return type.cast(states.computeIfAbsent(type, t -> create.get()));
    }
}
