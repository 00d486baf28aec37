package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Registers Rhai's packages into a function table (one class per Rhai package). */
public final class Packages {
    /** The standard functions that may block their thread: they call {@code CallContext.beforeBlocking} first. */
    public static final java.util.Set<String> BLOCKING = java.util.Set.of("sleep");

    private Packages() {
    }

    /** Keyword functions available even in a raw engine. */
    public static void registerKeywords(FunctionTable t) {
        KeywordFunctions.register(t);
    }

    /** Rhai's StandardPackage. */
    public static void registerStandard(FunctionTable t) {
        LanguageCorePackage.register(t);
        ArithmeticPackage.register(t);
        BasicStringPackage.register(t);
        BasicIteratorPackage.register(t);
        BasicFnPackage.register(t);
        BitFieldPackage.register(t);
        LogicPackage.register(t);
        BasicMathPackage.register(t);
        BasicArrayPackage.register(t);
        BasicBlobPackage.register(t);
        BasicMapPackage.register(t);
        BasicTimePackage.register(t);
        MoreStringPackage.register(t);
    }
}
