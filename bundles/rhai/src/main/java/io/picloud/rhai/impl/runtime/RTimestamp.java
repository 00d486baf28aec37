package io.picloud.rhai.impl.runtime;

/** A monotonic instant, as Rhai's {@code timestamp()}. */
public record RTimestamp(long nanos) {
}
