package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's LogicPackage. */
final class LogicPackage {
    private LogicPackage() {
    }

    static void register(FunctionTable t) {
    }
}
