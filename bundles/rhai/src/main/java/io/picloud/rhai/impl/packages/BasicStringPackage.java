package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.FunctionTable;

/**
 * Rhai's BasicStringPackage (string_basic.rs; the display conversions live in the keyword functions): to_hex,
 * to_octal, to_binary of INT, in two's complement for negative numbers as Rust's formatting does.
 */
final class BasicStringPackage {
    private BasicStringPackage() {
    }

    static void register(FunctionTable t) {
        t.fn("to_hex", 1, BasicStringPackage::toHex);
        t.fn("to_octal", 1, BasicStringPackage::toOctal);
        t.fn("to_binary", 1, BasicStringPackage::toBinary);
    }

    static Object toHex(CallContext c, Object[] a) {
        return a[0] instanceof Long x ? (Object) Long.toHexString(x) : Args.NO;
    }

    static Object toOctal(CallContext c, Object[] a) {
        return a[0] instanceof Long x ? (Object) Long.toOctalString(x) : Args.NO;
    }

    static Object toBinary(CallContext c, Object[] a) {
        return a[0] instanceof Long x ? (Object) Long.toBinaryString(x) : Args.NO;
    }
}
