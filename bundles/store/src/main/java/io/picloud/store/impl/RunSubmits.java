package io.picloud.store.impl;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.picloud.api.Run;
import io.picloud.api.RunRequest;
import io.picloud.api.RunStore.Submitted;

/**
 * Queues a batch of {@link RunRequest}s in one statement: the rows come from {@code unnest} of one array per
 * column, joined with {@code scripts} (an unknown script inserts nothing; {@code max_attempts} is the script's
 * {@code retry.maxAttempts} or 3), ids drawn first so that each answer finds its row, and the {@code NOTIFY} sent
 * by the same statement when anything was queued. A batch with idempotency keys runs in a transaction that first
 * takes their keys from runs older than {@link #KEY_HOURS} hours and afterwards reads the earlier runs of the
 * keys that were already held.
 */
final class RunSubmits {
    static final int KEY_HOURS = 24;
    private static final String INSERT = "WITH r AS (SELECT nextval('runs_id_seq') AS id, u.* FROM unnest("
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
            + "WITH ORDINALITY AS u(script, trigger, source, binding_id, payload, event_time, idem, submitted_by, ord)), "
            + "ins AS (INSERT INTO runs (id, script, trigger, source, binding_id, payload, event_time, status, "
            + "max_attempts, next_at, idempotency_key, submitted_by) "
            + "SELECT r.id, r.script, r.trigger, r.source, r.binding_id, r.payload::jsonb, r.event_time::timestamptz, "
            + "'queued', coalesce((s.retry->>'maxAttempts')::int, 3), now(), r.idem, r.submitted_by "
            + "FROM r JOIN scripts s ON s.name = r.script ORDER BY r.ord "
            + "ON CONFLICT (script, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING "
            + "RETURNING id, created_at, max_attempts, event_time) "
            + "SELECT r.ord, ins.id, ins.created_at, ins.max_attempts, ins.event_time, "
            + "EXISTS (SELECT 1 FROM scripts WHERE name = r.script), "
            + "(SELECT pg_notify('" + io.picloud.api.RunStore.CHANNEL + "', "
            + "(extract(epoch FROM now()) * 1000)::bigint::text) FROM (SELECT 1 FROM ins LIMIT 1) one) "
            + "FROM r LEFT JOIN ins ON ins.id = r.id ORDER BY r.ord";
    private static final String RELEASE_KEYS = "UPDATE runs SET idempotency_key = NULL WHERE idempotency_key IS NOT NULL "
            + "AND created_at < now() - interval '" + KEY_HOURS + " hours' AND (script, idempotency_key) IN "
            + "(SELECT * FROM unnest(?::text[], ?::text[]))";
    private static final String BY_KEY = "SELECT " + RunRows.COLUMNS + " FROM runs WHERE script = ? "
            + "AND idempotency_key = ?";

    private RunSubmits() {
    }

    /** One answer per request, in order; empty for an unknown script. */
    static List<Optional<Submitted>> submit(StoreDatabase db, List<RunRequest> requests) {
        boolean keyed = requests.stream().anyMatch(r -> r.idempotencyKey() != null);
        if (!keyed) {
            return DbWork.query(db, "queueing runs", c -> insert(c, requests));
        }
        return DbWork.inTransaction(db, "queueing runs", c -> {
            releaseOldKeys(c, requests);
            List<Optional<Submitted>> out = insert(c, requests);
            Map<String, Run> earlier = new HashMap<>();
            for (int i = 0; i < out.size(); i++) {
                RunRequest r = requests.get(i);
                if (out.get(i) == null) {
                    String k = r.script() + '\n' + r.idempotencyKey();
                    Run run = earlier.containsKey(k) ? earlier.get(k) : byKey(c, r.script(), r.idempotencyKey());
                    earlier.put(k, run);
                    out.set(i, run == null ? Optional.empty() : Optional.of(new Submitted(run, true)));
                }
            }
            return out;
        });
    }

    /** Answers null for a request whose script exists but whose key is held (the caller looks the holder up). */
    private static List<Optional<Submitted>> insert(Connection c, List<RunRequest> requests) throws SQLException {
        int n = requests.size();
        String[][] cols = new String[8][n];
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            RunRequest r = requests.get(i);
            cols[0][i] = r.script();
            cols[1][i] = r.trigger();
            cols[2][i] = r.source();
            cols[3][i] = r.bindingId();
            cols[4][i] = RunRows.write(r.payload() == null ? Map.of() : r.payload());
            cols[5][i] = (r.time() == null ? now : r.time()).toString();
            cols[6][i] = r.idempotencyKey();
            cols[7][i] = r.submittedBy();
        }
        List<Optional<Submitted>> out = new ArrayList<>(n);
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int k = 0; k < cols.length; k++) {
                ps.setArray(k + 1, c.createArrayOf("text", cols[k]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RunRequest r = requests.get(rs.getInt(1) - 1);
                    long id = rs.getLong(2);
                    if (!rs.wasNull()) {
                        out.add(Optional.of(new Submitted(queued(id, r, rs), false)));
                    } else {
                        out.add(rs.getBoolean(6) && r.idempotencyKey() != null ? null : Optional.empty());
                    }
                }
            }
        }
        return out;
    }

    private static Run queued(long id, RunRequest r, ResultSet rs) throws SQLException {
        Instant created = RunRows.instant(rs.getTimestamp(3));
        return new Run(id, r.script(), r.trigger(), r.source(), r.bindingId(), Run.QUEUED, 0, rs.getInt(4), created,
                null, null, created, r.payload() == null ? Map.of() : r.payload(), null, null, List.of(), List.of(),
                null, null, r.submittedBy());
    }

    private static void releaseOldKeys(Connection c, List<RunRequest> requests) throws SQLException {
        List<String> scripts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (RunRequest r : requests) {
            if (r.idempotencyKey() != null) {
                scripts.add(r.script());
                keys.add(r.idempotencyKey());
            }
        }
        try (PreparedStatement ps = c.prepareStatement(RELEASE_KEYS)) {
            Array s = c.createArrayOf("text", scripts.toArray());
            Array k = c.createArrayOf("text", keys.toArray());
            ps.setArray(1, s);
            ps.setArray(2, k);
            ps.executeUpdate();
        }
    }

    private static Run byKey(Connection c, String script, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BY_KEY)) {
            ps.setString(1, script);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? RunRows.run(rs) : null;
            }
        }
    }
}
