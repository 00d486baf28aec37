package io.picloud.store.impl;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.picloud.api.Run;
import io.picloud.api.Run.RunAttempt;
import io.picloud.api.Run.RunError;

/**
 * The {@code runs} table's rows as {@link Run}s, and the JSON of its columns: {@code payload}, {@code result}
 * (JSON values, integers read as {@link Long} like the Rhai engine's mapping), {@code error} ({@code {"kind",
 * "message", "line", "column"}}), {@code output} (an array of lines) and {@code history} (an array of attempts:
 * {@code {"attempt", "node", "startedAt", "finishedAt", "outcome", "error", "invocation"}}, times ISO-8601).
 */
final class RunRows {
    /** The columns {@link #run} reads, in its order. */
    static final String COLUMNS = "id, script, trigger, source, binding_id, status, attempts, max_attempts, "
            + "created_at, started_at, finished_at, next_at, payload::text, result::text, error::text, "
            + "output::text, history::text, replay_of, replayed_as, submitted_by";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private RunRows() {
    }

    static Run run(ResultSet rs) throws SQLException {
        String status = rs.getString(6);
        boolean waiting = Run.QUEUED.equals(status) || Run.FAILED.equals(status);
        long replayOf = rs.getLong(18);
        Long replayOfId = rs.wasNull() ? null : replayOf;
        long replayedAs = rs.getLong(19);
        Long replayedAsId = rs.wasNull() ? null : replayedAs;
        return new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), status,
                rs.getInt(7), rs.getInt(8), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)), waiting ? instant(rs.getTimestamp(12)) : null,
                payload(rs.getString(13)), value(rs.getString(14)), error(rs.getString(15)),
                lines(rs.getString(16)), history(rs.getString(17)), replayOfId, replayedAsId, rs.getString(20));
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-mappable: " + e.getOriginalMessage(), e);
        }
    }

    /** Null stays SQL NULL (not the JSON {@code null}). */
    static String writeOrNull(Object value) {
        return value == null ? null : write(value);
    }

    static Object value(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run column is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> payload(String json) {
        return value(json) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static Map<String, Object> errorJson(RunError error) {
        if (error == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", error.kind());
        m.put("message", error.message());
        m.put("line", error.line());
        m.put("column", error.column());
        return m;
    }

    static Map<String, Object> attemptJson(RunAttempt a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempt", a.attempt());
        m.put("node", a.node());
        m.put("startedAt", a.startedAt() == null ? null : a.startedAt().toString());
        m.put("finishedAt", a.finishedAt() == null ? null : a.finishedAt().toString());
        m.put("outcome", a.outcome());
        m.put("error", errorJson(a.error()));
        m.put("invocation", a.invocation());
        return m;
    }

    private static RunError error(String json) {
        return json == null ? null : error(tree(json));
    }

    private static RunError error(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        return new RunError(text(n.get("kind")), text(n.get("message")), n.path("line").asInt(),
                n.path("column").asInt());
    }

    private static List<String> lines(String json) {
        List<String> out = new ArrayList<>();
        if (json != null) {
            tree(json).forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static List<RunAttempt> history(String json) {
        List<RunAttempt> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        for (JsonNode a : tree(json)) {
            out.add(new RunAttempt(a.path("attempt").asInt(), text(a.get("node")), time(a.get("startedAt")),
                    time(a.get("finishedAt")), text(a.get("outcome")), error(a.get("error")),
                    text(a.get("invocation"))));
        }
        return out;
    }

    /** PostgreSQL's JSON times carry the session's offset, ours {@code Z}: both are offset date-times. */
    private static Instant time(JsonNode n) {
        String s = text(n);
        return s == null ? null : OffsetDateTime.parse(s).toInstant();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run column is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
