package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's BasicTimePackage. */
final class BasicTimePackage {
    private BasicTimePackage() {
    }

    static void register(FunctionTable t) {
    }
}
