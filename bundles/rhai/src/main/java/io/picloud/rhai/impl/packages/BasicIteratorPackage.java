package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's BasicIteratorPackage. */
final class BasicIteratorPackage {
    private BasicIteratorPackage() {
    }

    static void register(FunctionTable t) {
    }
}
