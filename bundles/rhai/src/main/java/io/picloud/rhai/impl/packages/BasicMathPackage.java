package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's BasicMathPackage. */
final class BasicMathPackage {
    private BasicMathPackage() {
    }

    static void register(FunctionTable t) {
    }
}
