package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RTimestamp;

/** Rhai's BasicTimePackage: timestamp() and elapsed (operators are built in). */
final class BasicTimePackage {
    private BasicTimePackage() {
    }

    static void register(FunctionTable t) {
        t.fn("timestamp", 0, (c, a) -> new RTimestamp(System.nanoTime()));
        t.fn("elapsed", 1, (c, a) -> a[0] instanceof RTimestamp ts
                ? (Object) ((System.nanoTime() - ts.nanos()) / 1e9) : Args.NO);
    }
}
