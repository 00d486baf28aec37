package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RFnPtr;

/** Rhai's BasicFnPackage: name and is_anonymous of function pointers. */
final class BasicFnPackage {
    private BasicFnPackage() {
    }

    static void register(FunctionTable t) {
        t.fn("name", 1, (c, a) -> a[0] instanceof RFnPtr p ? (Object) p.name : Args.NO);
        t.fn("is_anonymous", 1, (c, a) -> a[0] instanceof RFnPtr p ? (Object) p.isAnonymous() : Args.NO);
    }
}
