package io.picloud.shell.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.picloud.api.StoredBinding;
import io.picloud.api.TriggerStatus;
import io.picloud.api.TriggerStatusService;
import io.picloud.rhai.json.RhaiJson;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerType;

/** Helpers shared by the {@code picloud:trigger-*} commands: types by id, status, masking and config parsing. */
final class TriggerShell {
    static final String MASK = "********";

    private TriggerShell() {
    }

    /** The installed types by id (the service's descriptor id), sorted. */
    static Map<String, TriggerType> byId(List<TriggerType> types) {
        Map<String, TriggerType> out = new TreeMap<>();
        if (types != null) {
            for (TriggerType t : types) {
                try {
                    out.put(t.descriptor().id(), t);
                } catch (RuntimeException e) {
                    // a plugin going away while we list: skip it
                }
            }
        }
        return out;
    }

    /** {@code state} and {@code detail} of a binding: live from the runtime when it knows it, else derived. */
    static String[] status(StoredBinding b, TriggerStatusService statuses, Map<String, TriggerType> types) {
        Optional<TriggerStatus> live = statuses == null ? Optional.empty() : statuses.status(b.id());
        if (live.isPresent()) {
            return new String[] {live.get().state(), live.get().reason() == null ? "" : live.get().reason()};
        }
        if (!b.enabled()) {
            return new String[] {TriggerStatus.DISABLED, ""};
        }
        if (!types.containsKey(b.type())) {
            return new String[] {TriggerStatus.TYPE_MISSING, "trigger type '" + b.type() + "' is not installed"};
        }
        return new String[] {"UNKNOWN", statuses == null ? "no trigger runtime on this node" : "not opened yet"};
    }

    /** Top-level fields marked {@code "writeOnly": true} in the type's schema. */
    @SuppressWarnings("unchecked")
    static Set<String> secrets(TriggerType type) {
        Set<String> out = new TreeSet<>();
        if (type == null) {
            return out;
        }
        Object schema = RhaiJson.parseOrNull(type.descriptor().configSchema());
        Object props = schema instanceof Map ? ((Map<String, Object>) schema).get("properties") : null;
        if (props instanceof Map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) props).entrySet()) {
                if (e.getValue() instanceof Map && Boolean.TRUE.equals(((Map<String, Object>) e.getValue()).get("writeOnly"))) {
                    out.add(e.getKey());
                }
            }
        }
        return out;
    }

    /** The configuration as one line, secrets masked. */
    static String maskedConfig(Map<String, Object> config, Set<String> secrets) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.getKey()).append('=').append(secrets.contains(e.getKey()) ? MASK : String.valueOf(e.getValue()));
        }
        return b.toString();
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

    /** The message of a rejected configuration, for the console. */
    static String invalid(String type, TriggerConfigException e) {
        return "Invalid " + type + " configuration: " + e.getMessage() + " (field '" + e.field() + "')";
    }
}
