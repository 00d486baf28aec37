package io.picloud.store.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A binding's configuration between the JSONB column and the JSON-like Java values of the trigger SPI (String,
 * Long, Double, Boolean, List, Map); the manager's REST layer reads request bodies with the same mapping.
 */
public final class ConfigJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigJson() {
    }

    public static String write(Map<String, Object> config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("configuration is not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }

    public static Map<String, Object> read(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return toMap(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored configuration is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON object as a map of Java values; integers become Long, other numbers Double. */
    public static Map<String, Object> toMap(JsonNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (object == null || !object.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), toJava(e.getValue()));
        }
        return out;
    }

    private static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return toMap(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(n -> list.add(toJava(n)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }
}
