package io.picloud.host.kv.impl;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.picloud.api.HostException;

/**
 * Script values to and from the JSON text {@link io.picloud.api.KvStore} keeps. Writing is strict: only what maps
 * to JSON (INT, FLOAT, bool, string, char, array, object map, {@code ()} inside them) and at most a given size; a
 * FLOAT is always written with a fraction ({@code 1.0}, never {@code 1} or {@code 1E20}) so that it is read back as
 * a FLOAT. Reading gives INT for integers (FLOAT beyond 64 bits), FLOAT for the rest. Stateless, thread-safe.
 */
final class KvJson {
    static final int MAX_DEPTH = 128;
    private static final JsonFactory FACTORY = new JsonFactory();

    private KvJson() {
    }

    /** The JSON text of {@code value}; {@code NotJson} or {@code ValueTooLarge} (over {@code maxChars}) when not. */
    static String write(Object value, long maxChars) throws HostException {
        StringBuilder out = new StringBuilder();
        write(value, out, maxChars, 0);
        return out.toString();
    }

    private static void write(Object v, StringBuilder out, long max, int depth) throws HostException {
        if (out.length() > max) {
            throw tooLarge(max);
        }
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte) {
            out.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            out.append(fraction(((Number) v).doubleValue()));
        } else if (v instanceof CharSequence || v instanceof Character) {
            string(v.toString(), out);
        } else if (v instanceof List<?> list) {
            nested(depth);
            out.append('[');
            boolean first = true;
            for (Object o : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(o, out, max, depth + 1);
            }
            out.append(']');
        } else if (v instanceof Map<?, ?> map) {
            nested(depth);
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out, max, depth + 1);
            }
            out.append('}');
        } else {
            throw new HostException("NotJson", "a " + typeName(v) + " is not JSON: kv keeps INT, FLOAT, bool, "
                    + "string, char, array and object map values");
        }
        if (out.length() > max) {
            throw tooLarge(max);
        }
    }

    /** A finite double with a fraction part, in plain notation. */
    static String fraction(double d) throws HostException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new HostException("NotJson", "the FLOAT " + d + " is not JSON");
        }
        String plain = BigDecimal.valueOf(d).toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    private static void nested(int depth) throws HostException {
        if (depth >= MAX_DEPTH) {
            throw new HostException("NotJson", "the value is nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static HostException tooLarge(long max) {
        return new HostException("ValueTooLarge", "the value's JSON is larger than " + max + " bytes (maxValueBytes)");
    }

    /** What a script calls the type of {@code v}. */
    static String typeName(Object v) {
        if (v instanceof byte[]) {
            return "BLOB";
        }
        String simple = v.getClass().getSimpleName();
        return switch (simple) {
            case "FnPointer" -> "function pointer";
            case "Instant" -> "timestamp";
            default -> simple;
        };
    }

    /** The script value of a stored JSON text. */
    static Object read(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return read(p, p.nextToken());
        } catch (IOException e) {
            throw new IllegalStateException("a stored kv value is not JSON: " + e.getMessage(), e);
        }
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    String name = p.currentName();
                    map.put(name, read(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    list.add(read(p, n));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getDoubleValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
