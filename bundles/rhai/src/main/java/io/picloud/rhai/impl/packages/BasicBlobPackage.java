package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's BasicBlobPackage. */
final class BasicBlobPackage {
    private BasicBlobPackage() {
    }

    static void register(FunctionTable t) {
    }
}
