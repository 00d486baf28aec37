package io.picloud.trigger.runtime.impl;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plugin values in the Rhai engine's Java mapping: Long, Double, Boolean, String, List, Map (string keys), byte[],
 * null. Other integers widen to Long, Float to Double, times and anything else become their text.
 */
final class RhaiValues {
    private RhaiValues() {
    }

    static Object of(Object value) {
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
