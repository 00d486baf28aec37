package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's BasicStringPackage (display conversions live in the keyword functions): to_hex, to_octal, to_binary. */
final class BasicStringPackage {
    private BasicStringPackage() {
    }

    static void register(FunctionTable t) {
        t.fn("to_hex", 1, (c, a) -> a[0] instanceof Long x ? (Object) Long.toHexString(x) : Args.NO);
        t.fn("to_octal", 1, (c, a) -> a[0] instanceof Long x ? (Object) Long.toOctalString(x) : Args.NO);
        t.fn("to_binary", 1, (c, a) -> a[0] instanceof Long x ? (Object) Long.toBinaryString(x) : Args.NO);
    }
}
