package io.picloud.store.impl;

import io.picloud.api.RateLimit;
import io.picloud.api.RetryPolicy;
import io.picloud.api.ScriptSettings;
import io.picloud.store.json.ConfigJson;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link ScriptSettings} in the {@code scripts} columns {@code kv_namespace, allow_hosts, config, retry,
 * rate_limit} (the last two JSON objects: {@code {"maxAttempts", "initialBackoffMillis", "maxBackoffMillis",
 * "retryOn"}} and {@code {"perSecond", "burst"}}).
 */
final class ScriptSettingsColumns {
    /** How many columns (and parameters) the settings take. */
    static final int COUNT = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptSettingsColumns() {
    }

    /** Reads the {@link #COUNT} columns starting at {@code first}. */
    static ScriptSettings read(ResultSet rs, int first) throws SQLException {
        return new ScriptSettings(rs.getString(first), hosts(rs.getString(first + 1)),
                ConfigJson.read(rs.getString(first + 2)), retry(rs.getString(first + 3)),
                rateLimit(rs.getString(first + 4)));
    }

    /** Sets the {@link #COUNT} parameters starting at {@code first}. */
    static void write(PreparedStatement ps, int first, ScriptSettings settings) throws SQLException {
        ps.setString(first, settings.kvNamespace());
        ps.setString(first + 1, settings.allowHosts() == null ? null : hostsJson(settings.allowHosts()));
        ps.setString(first + 2, ConfigJson.write(settings.config()));
        ps.setString(first + 3, settings.retry() == null ? null : json(settings.retry()));
        ps.setString(first + 4, settings.rateLimit() == null ? null : json(settings.rateLimit()));
    }

    static RetryPolicy retry(String json) {
        if (json == null) {
            return null;
        }
        JsonNode n = tree(json, "retry");
        List<String> on = new ArrayList<>();
        n.path("retryOn").forEach(v -> on.add(v.asText()));
        RetryPolicy d = RetryPolicy.DEFAULT;
        return new RetryPolicy(n.path("maxAttempts").asInt(d.maxAttempts()),
                n.path("initialBackoffMillis").asLong(d.initialBackoffMillis()),
                n.path("maxBackoffMillis").asLong(d.maxBackoffMillis()),
                n.has("retryOn") ? on : d.retryOn());
    }

    private static RateLimit rateLimit(String json) {
        if (json == null) {
            return null;
        }
        JsonNode n = tree(json, "rate_limit");
        return new RateLimit(n.path("perSecond").asDouble(), n.path("burst").asInt());
    }

    private static JsonNode tree(String json, String column) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + column + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static List<String> hosts(String json) {
        if (json == null) {
            return null;
        }
        try {
            List<String> out = new ArrayList<>();
            for (JsonNode n : JSON.readTree(json)) {
                out.add(n.asText());
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored allow_hosts is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String hostsJson(List<String> hosts) {
        try {
            return JSON.writeValueAsString(hosts);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
