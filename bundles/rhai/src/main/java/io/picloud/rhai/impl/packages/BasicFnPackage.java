package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's BasicFnPackage. */
final class BasicFnPackage {
    private BasicFnPackage() {
    }

    static void register(FunctionTable t) {
    }
}
