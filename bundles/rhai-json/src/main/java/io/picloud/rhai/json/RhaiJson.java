package io.picloud.rhai.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON to and from the Rhai engine's Java values: integers are {@link Long} (beyond 64 bits {@link Double}), other
 * numbers {@link Double}, objects ordered {@link Map}s, arrays {@link List}s, null is {@code ()}. Writing also
 * accepts {@link Integer}, other {@link Number}s (as doubles), {@code byte[]} (an array of numbers),
 * {@link Character}, {@link Instant} (ISO-8601) and anything else by its {@code toString()}; non-finite doubles
 * become null. Stateless and thread-safe.
 */
public final class RhaiJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private RhaiJson() {
    }

    /** Parses a JSON text; throws {@link IOException} when it is not one complete JSON value. */
    public static Object parse(String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("empty JSON text");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new IOException("trailing content after the JSON value");
            }
            return value;
        }
    }

    /** The parsed value, or null when {@code text} is null, blank or not exactly one JSON value. */
    public static Object parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parse(text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String key = parser.currentName();
                    map.put(key, read(parser, parser.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    list.add(read(parser, t));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) parser.getDoubleValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

    /** The value as UTF-8 JSON bytes. */
    public static byte[] toBytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The value as a JSON text. */
    public static String toJson(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeNull();
            } else {
                g.writeNumber(d);
            }
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof byte[] bytes) {
            g.writeStartArray();
            for (byte b : bytes) {
                g.writeNumber(b & 0xff);
            }
            g.writeEndArray();
        } else if (value instanceof Number n) {
            write(g, n.doubleValue());
        } else {
            g.writeString(value.toString()); // Character, Instant (ISO-8601), function pointers
        }
    }
}
