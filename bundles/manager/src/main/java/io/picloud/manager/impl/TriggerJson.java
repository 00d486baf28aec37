package io.picloud.manager.impl;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The masking of secret ({@code "writeOnly": true}) fields of trigger configurations (the JSON mapping itself is
 * the store's {@link io.picloud.store.json.ConfigJson}).
 */
final class TriggerJson {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    /** What a secret field's value reads as in every response. */
    static final String MASK = "********";

    private TriggerJson() {
    }

    /** Top-level property names marked {@code "writeOnly": true} in a JSON Schema; empty for an unreadable schema. */
    static Set<String> secretFields(String schema) {
        Set<String> out = new HashSet<>();
        try {
            JsonNode properties = JSON.readTree(schema == null ? "{}" : schema).path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().path("writeOnly").asBoolean(false)) {
                    out.add(e.getKey());
                }
            }
        } catch (JsonProcessingException e) {
            // no schema, no known secrets
        }
        return out;
    }

    /** {@code config} with every value masked: for a type that is not installed, whose secrets are unknown. */
    static Map<String, Object> maskedAll(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : config.keySet()) {
            out.put(key, MASK);
        }
        return out;
    }

    /** {@code config} with every secret value replaced by {@link #MASK}. */
    static Map<String, Object> masked(Map<String, Object> config, Set<String> secrets) {
        Map<String, Object> out = new LinkedHashMap<>(config);
        for (String key : secrets) {
            if (out.get(key) != null) {
                out.put(key, MASK);
            }
        }
        return out;
    }

    /**
     * The configuration to store when a client sends {@code incoming}: a secret field that is absent or reads as
     * {@link #MASK} keeps the stored value (clients never see secrets, so they cannot send them back).
     */
    static Map<String, Object> keepSecrets(Map<String, Object> incoming, Map<String, Object> stored,
                                           Set<String> secrets) {
        Map<String, Object> out = new LinkedHashMap<>(incoming);
        for (String key : secrets) {
            Object value = out.get(key);
            if ((value == null || MASK.equals(value)) && stored.get(key) != null) {
                out.put(key, stored.get(key));
            }
        }
        return out;
    }

    /** Every secret value of {@code config}, to strip from messages that might echo one. */
    static Set<String> secretValues(Map<String, Object> config, Set<String> secrets) {
        Set<String> out = new HashSet<>();
        for (String key : secrets) {
            Object v = config.get(key);
            if (v != null && !String.valueOf(v).isEmpty()) {
                out.add(String.valueOf(v));
            }
        }
        return out;
    }
}
