package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.util.Map;

/** A small JSON reader/writer for parse_json / to_json (no reflection, no external library). */
public final class Json {
    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    public static Object parse(String text) {
        Json j = new Json(text);
        j.ws();
        Object v = j.value(0);
        j.ws();
        if (j.i != text.length()) {
            throw j.bad();
        }
        return v;
    }

    private EvalError bad() {
        return new EvalError(ErrorKind.PARSING, "Invalid JSON at position " + i);
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private Object value(int depth) {
        if (i >= s.length() || depth > 512) {
            throw bad();
        }
        char c = s.charAt(i);
        if (c == '{') {
            i++;
            RMap m = new RMap();
            ws();
            if (peek('}')) {
                return m;
            }
            do {
                ws();
                String k = string();
                ws();
                expect(':');
                ws();
                m.put(k, value(depth + 1));
                ws();
            } while (peek(','));
            expect('}');
            return m;
        } else if (c == '[') {
            i++;
            RArray a = new RArray();
            ws();
            if (peek(']')) {
                return a;
            }
            do {
                ws();
                a.add(value(depth + 1));
                ws();
            } while (peek(','));
            expect(']');
            return a;
        } else if (c == '"') {
            return string();
        } else if (s.startsWith("true", i)) {
            i += 4;
            return Boolean.TRUE;
        } else if (s.startsWith("false", i)) {
            i += 5;
            return Boolean.FALSE;
        } else if (s.startsWith("null", i)) {
            i += 4;
            return Unit.UNIT;
        }
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        String num = s.substring(start, i);
        try {
            if (num.matches("-?\\d+")) {
                return Long.parseLong(num);
            }
            return Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw bad();
        }
    }

    private boolean peek(char c) {
        if (i < s.length() && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw bad();
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (i >= s.length()) {
                    throw bad();
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> sb.append(unicodeEscape());
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        throw bad();
    }

    /**
     * The four hex digits after {@code \\u} (the cursor is on the first). As in Rhai's tokenizer, which reads JSON
     * too: a character that is not a hex digit, the end of the text, or a code that is not a character (a
     * surrogate) is an {@code ErrorParsing} naming the sequence read so far, the bad character included.
     */
    private char unicodeEscape() {
        StringBuilder seq = new StringBuilder("\\u");
        int code = 0;
        for (int k = 0; k < 4; k++) {
            if (i >= s.length()) {
                throw badEscape(seq);
            }
            char h = s.charAt(i++);
            seq.append(h);
            int d = h < 0x80 ? Character.digit(h, 16) : -1;
            if (d < 0) {
                throw badEscape(seq);
            }
            code = code * 16 + d;
        }
        if (Character.isSurrogate((char) code)) {
            throw badEscape(seq);
        }
        return (char) code;
    }

    private static EvalError badEscape(CharSequence seq) {
        return new EvalError(ErrorKind.PARSING, "Invalid escape sequence: '" + seq + "'");
    }

    /** Writes a value as compact JSON (unit is null). */
    public static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        v = Values.unshare(v);
        if (v == Unit.UNIT || v == null) {
            sb.append("null");
        } else if (v instanceof String || Values.isChar(v)) {
            quote(sb, v.toString());
        } else if (v instanceof Double d) {
            sb.append(d.isNaN() || d.isInfinite() ? "null" : Values.formatFloat(d));
        } else if (v instanceof Long || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof RArray a) {
            sb.append('[');
            for (int k = 0; k < a.size(); k++) {
                if (k > 0) {
                    sb.append(',');
                }
                write(sb, a.get(k));
            }
            sb.append(']');
        } else if (v instanceof RMap m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, e.getKey());
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof io.picloud.rhai.impl.runtime.RFnPtr p) {
            if (p.curried.length == 0) {
                quote(sb, p.name);
            } else {
                sb.append('[');
                quote(sb, p.name);
                for (Object o : p.curried) {
                    sb.append(',');
                    write(sb, o);
                }
                sb.append(']');
            }
        } else {
            quote(sb, Values.toStr(v));
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
