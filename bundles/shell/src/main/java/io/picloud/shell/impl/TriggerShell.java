package io.picloud.shell.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.picloud.rhai.json.RhaiJson;

/**
 * What the {@code picloud:trigger-*} commands need beyond the BindingService: reading a configuration typed on the
 * command line. Validation, masking and status belong to the service.
 */
final class TriggerShell {
    private TriggerShell() {
    }

    /**
     * A configuration from {@code --config JSON} and/or {@code key=value} pairs (pairs win). A value that is JSON
     * (number, true/false, quoted string, object, array) is taken as such, anything else as text.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> config(String json, List<String> pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (json != null && !json.isBlank()) {
            Object parsed = RhaiJson.parseOrNull(json);
            if (!(parsed instanceof Map)) {
                throw new IllegalArgumentException("--config must be a JSON object, e.g. '{\"schedule\":\"@every 1m\"}'");
            }
            out.putAll((Map<String, Object>) parsed);
        }
        if (pairs != null) {
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("Expected key=value, got '" + pair + "'");
                }
                String raw = pair.substring(eq + 1);
                Object value = RhaiJson.parseOrNull(raw);
                out.put(pair.substring(0, eq).strip(), value == null ? raw : value);
            }
        }
        return out;
    }
}
