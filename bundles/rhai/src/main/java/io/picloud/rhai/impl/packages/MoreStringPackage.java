package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's MoreStringPackage. */
final class MoreStringPackage {
    private MoreStringPackage() {
    }

    static void register(FunctionTable t) {
    }
}
