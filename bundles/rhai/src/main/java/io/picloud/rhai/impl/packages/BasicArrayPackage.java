package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's BasicArrayPackage. */
final class BasicArrayPackage {
    private BasicArrayPackage() {
    }

    static void register(FunctionTable t) {
    }
}
