package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's BitFieldPackage. */
final class BitFieldPackage {
    private BitFieldPackage() {
    }

    static void register(FunctionTable t) {
    }
}
