package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RFnPtr;

/** Rhai's BasicFnPackage (fn_basic.rs): name and is_anonymous of function pointers. */
final class BasicFnPackage {
    private BasicFnPackage() {
    }

    static void register(FunctionTable t) {
        t.fn("name", 1, BasicFnPackage::name);
        t.fn("is_anonymous", 1, BasicFnPackage::isAnonymous);
    }

    /** {@code name(fn)}: the name the pointer calls (a closure's internal {@code anon$} name). */
    static Object name(CallContext c, Object[] a) {
        return a[0] instanceof RFnPtr p ? (Object) p.name : Args.NO;
    }

    /** {@code is_anonymous(fn)}: whether the pointer is a closure. */
    static Object isAnonymous(CallContext c, Object[] a) {
        return a[0] instanceof RFnPtr p ? (Object) p.isAnonymous() : Args.NO;
    }
}
