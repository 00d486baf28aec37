package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's BasicStringPackage. */
final class BasicStringPackage {
    private BasicStringPackage() {
    }

    static void register(FunctionTable t) {
    }
}
