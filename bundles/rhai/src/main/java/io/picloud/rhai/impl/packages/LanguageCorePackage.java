package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's LanguageCorePackage. */
final class LanguageCorePackage {
    private LanguageCorePackage() {
    }

    static void register(FunctionTable t) {
    }
}
