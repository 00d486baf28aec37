package io.picloud.trigger.runtime.impl;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plugin values in the Rhai engine's Java mapping: Long, Double, Boolean, String, List, Map (string keys), byte[],
 * null. Other integers widen to Long, Float to Double, times and anything else become their text. A value that is
 * in that mapping already (a webhook's parsed JSON body, a request's headers) is returned as it is, not copied: the
 * engine converts it into its own values anyway, and the copy was a second walk and allocation of every event.
 */
final class RhaiValues {
    private RhaiValues() {
    }

    /** Containers nested deeper than this are copied (and checked) by {@link #of} rather than by a walk first. */
    private static final int MAX_WALK_DEPTH = 64;

    static Object of(Object value) {
        return mapped(value, 0) ? value : copy(value);
    }

    /** True when {@code value} and everything in it is in the engine's Java mapping already. */
    private static boolean mapped(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof byte[]) {
            return true;
        }
        if (depth >= MAX_WALK_DEPTH) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || !mapped(entry.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!mapped(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static Object copy(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof byte[]) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof java.math.BigDecimal || value instanceof java.math.BigInteger) {
            return value instanceof java.math.BigInteger && ((java.math.BigInteger) value).bitLength() < 64
                    ? ((java.math.BigInteger) value).longValue() : ((Number) value).doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), of(v)));
            return out;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> out = new ArrayList<>(collection.size());
            collection.forEach(v -> out.add(of(v)));
            return out;
        }
        if (value instanceof Character || value instanceof TemporalAccessor || value instanceof Enum) {
            return value.toString();
        }
        return value.toString();
    }
}
