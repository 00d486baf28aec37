package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's BasicMapPackage. */
final class BasicMapPackage {
    private BasicMapPackage() {
    }

    static void register(FunctionTable t) {
    }
}
