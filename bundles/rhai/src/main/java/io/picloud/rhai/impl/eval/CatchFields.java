package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.RMap;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message and the variant fields of the map that {@code catch (err)} binds, as Rhai's
 * {@code EvalAltResult::display} and {@code dump_fields} (types/error.rs) give them. The fields are read back
 * from the messages, which follow Rhai's formats.
 */
final class CatchFields {
    private static final Pattern BOUNDS = Pattern.compile(
            "(?:Array|String|Bit-field) index (-?\\d+) out of bounds: (?:only (\\d+) \\S+ in \\S+|\\S+ is empty)");
    private static final Pattern MISMATCH = Pattern.compile("(?:Data|Output) type incorrect: (.*) \\(expecting (.*)\\)");
    private static final String IN_CLOSURE = "in closure call";
    private static final String IN_CALL = "in call to function '";

    private CatchFields() {
    }

    /** The error's display without its own position (Rhai takes it off before displaying). */
    static String message(EvalError e) {
        if (isWrapper(e)) {
            return display(e.inner) + "\n" + suffix(e);
        }
        return e.getMessage();
    }

    /** Display with the position: {@code "... (line 1, position 5)"}. */
    private static String display(EvalError e) {
        String m = message(e);
        return e.line > 0 ? m + " (line " + e.line + ", position " + e.column + ")" : m;
    }

    private static boolean isWrapper(EvalError e) {
        return e.inner != null && e.is(ErrorKind.IN_FUNCTION_CALL);
    }

    /** A wrapper's own line: {@code in call to function 'f'} or {@code in closure call}. */
    private static String suffix(EvalError e) {
        String m = e.getMessage();
        int nl = m.lastIndexOf('\n');
        return nl < 0 ? m : m.substring(nl + 1);
    }

    static void fill(EvalError e, RMap m) {
        String msg = e.getMessage();
        ErrorKind k = e.errorKind();
        if (k == null) {
            return;
        }
        switch (k) {
            case IN_FUNCTION_CALL -> {
                String s = isWrapper(e) ? suffix(e) : msg;
                String fn = s.startsWith(IN_CALL) ? s.substring(IN_CALL.length(), s.indexOf('\'', IN_CALL.length()))
                        : s.startsWith(IN_CLOSURE) ? "anonymous" : s;
                m.put("function", fn);
                m.put("source", "");
            }
            case FUNCTION_NOT_FOUND -> m.put("function", after(msg, "Function not found: "));
            case NON_PURE_METHOD_CALL_ON_CONSTANT -> m.put("function", quoted(msg));
            case MISMATCH_DATA_TYPE, MISMATCH_OUTPUT_TYPE -> {
                Matcher x = MISMATCH.matcher(msg);
                if (x.matches()) {
                    m.put("requested", x.group(2));
                    m.put("actual", x.group(1));
                }
            }
            case ARRAY_BOUNDS, STRING_BOUNDS, BIT_FIELD_BOUNDS -> {
                Matcher x = BOUNDS.matcher(msg);
                if (x.find()) {
                    m.put("length", x.group(2) == null ? 0L : Long.parseLong(x.group(2)));
                    m.put("index", Long.parseLong(x.group(1)));
                }
            }
            case VARIABLE_NOT_FOUND -> m.put("variable", after(msg, "Variable not found: "));
            case VARIABLE_EXISTS -> m.put("variable", after(msg, "Variable already defined: "));
            case FORBIDDEN_VARIABLE -> m.put("variable", after(msg, "Forbidden variable name: "));
            case PROPERTY_NOT_FOUND -> m.put("variable", after(msg, "Property not found: "));
            case ASSIGNMENT_TO_CONSTANT -> m.put("variable", after(msg, "Cannot modify constant "));
            case DATA_RACE -> m.put("variable", msg.indexOf('\'') < 0 ? "" : quoted(msg));
            case INDEX_NOT_FOUND -> m.put("index", e.value == null ? after(msg, "Invalid index: ") : e.value);
            case MODULE_NOT_FOUND -> m.put("module", after(msg, "Module not found: "));
            case IN_MODULE -> m.put("module", quoted(msg));
            case DOT_EXPR -> m.put("property", msg);
            case INDEXING_TYPE -> m.put("type", after(msg, "Indexer unavailable: "));
            case DATA_TOO_LARGE -> m.put("type", msg.endsWith(" too large") ? msg.substring(0, msg.length() - 10) : msg);
            default -> {
                // ErrorUnboundThis, ErrorFor, ErrorArithmetic, ErrorRuntime, ...: no fields of their own
            }
        }
    }

    private static String after(String msg, String prefix) {
        return msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg;
    }

    private static String quoted(String msg) {
        int a = msg.indexOf('\'');
        int b = a < 0 ? -1 : msg.indexOf('\'', a + 1);
        return b < 0 ? msg : msg.substring(a + 1, b);
    }
}
