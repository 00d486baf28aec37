package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's ArithmeticPackage. */
final class ArithmeticPackage {
    private ArithmeticPackage() {
    }

    static void register(FunctionTable t) {
    }
}
