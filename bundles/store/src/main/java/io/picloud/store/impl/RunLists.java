package io.picloud.store.impl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.picloud.api.Run;
import io.picloud.api.RunQuery;
import io.picloud.api.RunStore;

/** Listing runs (newest first, paged by id) and replaying a dead letter. */
final class RunLists {
    static final int MAX_LIMIT = 500;
    private static final String REPLAY = "WITH dead AS (SELECT id, script, trigger, source, binding_id, payload, "
            + "event_time FROM runs WHERE id = ? AND status = 'dead' FOR UPDATE), "
            + "ins AS (INSERT INTO runs (script, trigger, source, binding_id, payload, event_time, status, "
            + "max_attempts, next_at, submitted_by, replay_of) "
            + "SELECT d.script, d.trigger, d.source, d.binding_id, coalesce(?::jsonb, d.payload), d.event_time, "
            + "'queued', coalesce((SELECT (s.retry->>'maxAttempts')::int FROM scripts s WHERE s.name = d.script), 3), "
            + "now(), ?, d.id FROM dead d RETURNING id), "
            + "mark AS (UPDATE runs SET replayed_as = (SELECT id FROM ins) WHERE id = (SELECT id FROM dead)) "
            + "SELECT id, pg_notify('" + RunStore.CHANNEL + "', (extract(epoch FROM now()) * 1000)::bigint::text) "
            + "FROM ins";

    private RunLists() {
    }

    static List<Run> list(Connection c, RunQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + RunRows.COLUMNS + " FROM runs WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.script() != null) {
            sql.append(" AND script = ?");
            args.add(q.script());
        }
        if (q.scripts() != null) {
            sql.append(" AND script = ANY (?)");
            args.add(c.createArrayOf("text", q.scripts().toArray()));
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status());
        }
        if (q.replayed() != null) {
            sql.append(q.replayed() ? " AND replayed_as IS NOT NULL" : " AND replayed_as IS NULL");
        }
        if (q.before() > 0) {
            sql.append(" AND id < ?");
            args.add(q.before());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(Math.max(1, Math.min(MAX_LIMIT, q.limit())));
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Run> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(RunRows.run(rs));
                }
            }
            return out;
        }
    }

    /** In the caller's transaction: the new run, or empty when {@code deadId} is not a dead letter. */
    static Optional<Run> replay(Connection c, long deadId, Map<String, Object> payload, String submittedBy)
            throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement(REPLAY)) {
            ps.setLong(1, deadId);
            ps.setString(2, payload == null ? null : RunRows.write(payload));
            ps.setString(3, submittedBy);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RunRows.COLUMNS + " FROM runs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.of(RunRows.run(rs));
            }
        }
    }
}
