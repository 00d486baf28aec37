package io.picloud.trigger.api;

import java.util.Map;
import java.util.Set;

/**
 * Helpers for reading a binding configuration; each throws a {@link TriggerConfigException} that names the field.
 * Configurations arrive as JSON-like maps, so numbers may be Long, Integer or Double, and a number may also come
 * as its decimal text.
 */
public final class TriggerConfigs {
    private TriggerConfigs() {
    }

    /** A non-blank string field; {@code fallback} when absent (null fallback = required). */
    public static String string(Map<String, Object> config, String field, String fallback)
            throws TriggerConfigException {
        Object value = config.get(field);
        if (value == null) {
            if (fallback == null) {
                throw new TriggerConfigException(field, "is required");
            }
            return fallback;
        }
        if (!(value instanceof String)) {
            throw new TriggerConfigException(field, "must be a string");
        }
        String text = ((String) value).trim();
        if (text.isEmpty()) {
            throw new TriggerConfigException(field, "must not be empty");
        }
        return text;
    }

    /** A string field that must be one of {@code allowed}; {@code fallback} when absent. */
    public static String oneOf(Map<String, Object> config, String field, String fallback, Set<String> allowed)
            throws TriggerConfigException {
        String value = string(config, field, fallback);
        if (!allowed.contains(value)) {
            throw new TriggerConfigException(field, "must be one of " + new java.util.TreeSet<>(allowed)
                    + ", not '" + value + "'");
        }
        return value;
    }

    /** An integer field within [min, max]; {@code fallback} when absent. */
    public static long integer(Map<String, Object> config, String field, long fallback, long min, long max)
            throws TriggerConfigException {
        Object value = config.get(field);
        long result;
        if (value == null) {
            return fallback;
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            result = ((Number) value).longValue();
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d != Math.rint(d)) {
                throw new TriggerConfigException(field, "must be a whole number");
            }
            result = (long) d;
        } else if (value instanceof String) {
            try {
                result = Long.parseLong(((String) value).trim());
            } catch (NumberFormatException e) {
                throw new TriggerConfigException(field, "must be a whole number");
            }
        } else {
            throw new TriggerConfigException(field, "must be a whole number");
        }
        if (result < min || result > max) {
            throw new TriggerConfigException(field, "must be between " + min + " and " + max);
        }
        return result;
    }

    /** Rejects keys other than {@code known}, naming the first unknown one (typos should not pass silently). */
    public static void onlyKnown(Map<String, Object> config, Set<String> known) throws TriggerConfigException {
        for (String key : config.keySet()) {
            if (!known.contains(key)) {
                throw new TriggerConfigException(key, "is not a field of this trigger type; known fields: "
                        + new java.util.TreeSet<>(known));
            }
        }
    }
}
