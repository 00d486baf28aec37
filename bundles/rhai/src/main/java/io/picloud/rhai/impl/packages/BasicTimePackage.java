package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RTimestamp;

/** Rhai's BasicTimePackage (time_basic.rs): timestamp() and elapsed (the operators are built in). */
final class BasicTimePackage {
    private BasicTimePackage() {
    }

    static void register(FunctionTable t) {
        t.fn("timestamp", 0, BasicTimePackage::timestamp);
        t.fn("elapsed", 1, BasicTimePackage::elapsed);
    }

    /** {@code timestamp()}: now, on the monotonic clock (Rust's {@code Instant}). */
    static Object timestamp(CallContext c, Object[] a) {
        return new RTimestamp(System.nanoTime());
    }

    /** {@code elapsed(ts)}: seconds since the timestamp, as FLOAT. */
    static Object elapsed(CallContext c, Object[] a) {
        return a[0] instanceof RTimestamp ts ? (Object) ((System.nanoTime() - ts.nanos()) / 1e9) : Args.NO;
    }
}
