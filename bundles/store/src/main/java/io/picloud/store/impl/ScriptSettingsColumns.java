package io.picloud.store.impl;

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

/** {@link ScriptSettings} in the {@code scripts} columns {@code kv_namespace, allow_hosts, config}. */
final class ScriptSettingsColumns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptSettingsColumns() {
    }

    /** Reads the three columns starting at {@code first}. */
    static ScriptSettings read(ResultSet rs, int first) throws SQLException {
        return new ScriptSettings(rs.getString(first), hosts(rs.getString(first + 1)),
                ConfigJson.read(rs.getString(first + 2)));
    }

    /** Sets the three parameters starting at {@code first}. */
    static void write(PreparedStatement ps, int first, ScriptSettings settings) throws SQLException {
        ps.setString(first, settings.kvNamespace());
        ps.setString(first + 1, settings.allowHosts() == null ? null : hostsJson(settings.allowHosts()));
        ps.setString(first + 2, ConfigJson.write(settings.config()));
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
