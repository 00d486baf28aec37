package io.picloud.rhai;

import java.util.List;

/**
 * A function the host (PiCloud's executor) offers to scripts. Arguments and the result use the Java mapping
 * documented on {@link RhaiEngine}. Throw {@link RhaiRuntimeException} (e.g. kind {@code ErrorRuntime}) to fail
 * the call with a script-visible error; any other exception becomes {@code ErrorRuntime} with its message.
 * Must be thread-safe: one engine serves many concurrent runs.
 */
@FunctionalInterface
public interface HostFunction {
    Object call(HostContext context, List<Object> arguments);
}
