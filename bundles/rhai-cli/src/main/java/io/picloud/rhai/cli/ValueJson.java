package io.picloud.rhai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.picloud.rhai.FnPointer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Java values of the engine API to the batch protocol's JSON, and their Rhai type names. */
final class ValueJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ValueJson() {
    }

    static String typeName(Object v) {
        if (v == null) {
            return "()";
        } else if (v instanceof Long) {
            return "i64";
        } else if (v instanceof Double) {
            return "f64";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof Character) {
            return "char";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof List) {
            return "array";
        } else if (v instanceof Map) {
            return "map";
        } else if (v instanceof byte[]) {
            return "blob";
        } else if (v instanceof Instant) {
            return "timestamp";
        } else if (v instanceof FnPointer) {
            return "Fn";
        }
        return v.getClass().getSimpleName();
    }

    /** The Rhai type name a vector's Rust {@code type} asks for, or null for any. */
    static String expectedType(String rustType) {
        if (rustType == null) {
            return null;
        }
        return switch (rustType) {
            case "INT", "i64" -> "i64";
            case "FLOAT", "f64" -> "f64";
            case "bool" -> "bool";
            case "String", "string", "ImmutableString" -> "string";
            case "char" -> "char";
            case "Array" -> "array";
            case "Map" -> "map";
            case "Blob" -> "blob";
            case "()" -> "()";
            default -> null;
        };
    }

    static JsonNode toJson(Object v) {
        if (v == null) {
            return F.nullNode();
        } else if (v instanceof Long l) {
            return F.numberNode(l);
        } else if (v instanceof Double d) {
            if (d.isNaN()) {
                return F.textNode("NaN");
            } else if (d.isInfinite()) {
                return F.textNode(d > 0 ? "inf" : "-inf");
            }
            return F.numberNode(d);
        } else if (v instanceof Boolean b) {
            return F.booleanNode(b);
        } else if (v instanceof Character || v instanceof String) {
            return F.textNode(v.toString());
        } else if (v instanceof List<?> list) {
            ArrayNode a = F.arrayNode();
            for (Object o : list) {
                a.add(toJson(o));
            }
            return a;
        } else if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), toJson(x)));
            return o;
        } else if (v instanceof byte[] bytes) {
            ArrayNode a = F.arrayNode();
            for (byte b : bytes) {
                a.add(b & 0xFF);
            }
            return a;
        } else if (v instanceof FnPointer p) {
            return F.textNode(p.name());
        }
        return F.textNode(String.valueOf(v));
    }
}
