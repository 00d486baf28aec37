package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.eval.Context;
import io.picloud.rhai.impl.eval.Signals;
import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RFnPtr;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.util.Set;

/** {@code print debug type_of Fn is_def_fn exit} and display conversions (present even in a raw engine). */
final class KeywordFunctions {
    private KeywordFunctions() {
    }

    static void register(FunctionTable t) {
        t.fn("print", 1, KeywordFunctions::print);
        t.fn("print", 0, KeywordFunctions::printEmpty);
        t.fn("debug", 1, KeywordFunctions::debug);
        t.fn("type_of", 1, (c, a) -> Values.typeName(a[0]));
        t.fn("to_string", 1, (c, a) -> Values.toStr(a[0]));
        t.fn("to_debug", 1, (c, a) -> Values.toDebugFn(a[0]));
        t.fn("Fn", 1, KeywordFunctions::fn);
        t.fn("is_def_fn", 2, KeywordFunctions::isDefFn);
        t.fn("exit", 0, KeywordFunctions::exit);
        t.fn("exit", 1, KeywordFunctions::exit);
    }

    /** {@code print(value)}: the value's display form, one line of output. */
    static Object print(CallContext c, Object[] a) {
        c.print(Values.toStr(a[0]));
        return Unit.UNIT;
    }

    /** {@code print()}: an empty line. */
    static Object printEmpty(CallContext c, Object[] a) {
        c.print("");
        return Unit.UNIT;
    }

    /** {@code debug(value)}: the value's debug form, one line of output. */
    static Object debug(CallContext c, Object[] a) {
        c.print(Values.toDebugFn(a[0]));
        return Unit.UNIT;
    }

    /** {@code Fn(name)}: a pointer to a function by name (checked as {@link #checkFnName} says). */
    static Object fn(CallContext c, Object[] a) {
        if (!(a[0] instanceof String s)) {
            throw EvalError.mismatch(Values.typeName(a[0]), "string");
        }
        checkFnName(s);
        return new RFnPtr(s, new Object[0], null);
    }

    /**
     * A function name given as a string, as Rhai's {@code FnPtr::try_from} checks it: a keyword, reserved word
     * or symbol is a (not catchable) parse error, anything else that is not an identifier is
     * {@code ErrorFunctionNotFound}.
     */
    static void checkFnName(String s) {
        if (RESERVED.contains(s)) {
            String what = isIdentifier(s) ? "keyword" : "symbol";
            throw new EvalError(ErrorKind.PARSING, "Syntax error: '" + s + "' is a reserved " + what);
        }
        if (!isIdentifier(s)) {
            throw EvalError.fnNotFound(s);
        }
    }

    /** Whether {@link #checkFnName} accepts the name. */
    static boolean isFnName(String s) {
        return isIdentifier(s) && !RESERVED.contains(s);
    }

    /** Rhai's {@code is_valid_identifier}: ASCII letters, digits and {@code _}, a letter before any digit. */
    static boolean isIdentifier(String s) {
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '_') {
                continue;
            }
            boolean alpha = ch < 128 && Character.isLetter(ch);
            if (alpha) {
                letter = true;
            } else if (!letter || !(ch < 128 && Character.isDigit(ch))) {
                return false;
            }
        }
        return letter;
    }

    /**
     * What Rhai's tokenizer takes as a keyword or symbol ({@code KEYWORDS_LIST}) or reserves
     * ({@code RESERVED_LIST}, with the default features): no function can have these names.
     */
    private static final Set<String> RESERVED = Set.of(
            "const", "continue", "catch", "for", "loop", "false", "let", "while", "throw", "else", "until",
            "switch", "private", "try", "true", "break", "return", "fn", "import", "export", "in", "if", "do", "as",
            "_", "use", "case", "async", "public", "package", "super", "var", "protected", "spawn", "shared", "is",
            "sync", "curry", "static", "default", "is_shared", "print", "this", "is_def_var", "thread",
            "is_def_fn", "yield", "new", "call", "match", "eval", "await", "null", "debug", "type_of", "with",
            "void", "nil", "module", "Fn", "go", "goto",
            ">", ">=", ")", "=", "==", "<", "<=", ".", "<<", "<<=", "*", "*=", "+", "+=", "}", ">>", ">>=", ";",
            "=>", "/", "/=", "{", "**", "**=", "|", "|=", ":", "..", "..=", "?.", "||", "^", "^=", "::", "-",
            "-=", "]", "()", "&", "&=", "%", "%=", "!", "!=", "!in", "[", ",", "?[", "??", "&&", "#{", "?", "#",
            "===", "!==", "#!", "~", "!.", ":=", "...", "@", "<-", "--", "<|", "$", "->", "|>", "::<", "++", ":;",
            "*)", "(*");

    /** {@code is_def_fn(name, arity)}: whether the script defines that function. */
    static Object isDefFn(CallContext c, Object[] a) {
        if (a[0] instanceof String s && a[1] instanceof Long n) {
            return ((Context) c).unit.function(s, (int) (long) n) != null;
        }
        return Args.NO;
    }

    /** {@code exit()} / {@code exit(value)}: ends the script with the value (or {@code ()}). */
    static Object exit(CallContext c, Object[] a) {
        throw new Signals.Exit(a.length == 0 ? Unit.UNIT : a[0]);
    }
}
