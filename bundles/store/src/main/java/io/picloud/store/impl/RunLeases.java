package io.picloud.store.impl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.picloud.api.AttemptOutcome;
import io.picloud.api.LeasedRun;
import io.picloud.api.RetryPolicy;
import io.picloud.api.Run;
import io.picloud.api.RunStore;

/**
 * The statements of the runs' leases: take (due runs and expired leases, {@code FOR UPDATE SKIP LOCKED}, so
 * nodes never wait for each other nor take the same run), renew, and complete (a batch of attempts, each written
 * only while its node still holds that attempt's lease).
 */
final class RunLeases {
    /**
     * A run whose lease expired goes dead instead of being taken again: on its last attempt, or when its script's
     * policy does not retry node loss (no policy stored: the default, which does).
     */
    private static final String LOST_FOR_GOOD = "(due.lost AND (r.attempts >= r.max_attempts OR NOT coalesce("
            + "(SELECT s.retry IS NULL OR NOT jsonb_exists(s.retry, 'retryOn') "
            + "OR jsonb_exists_any(s.retry->'retryOn', array['" + RetryPolicy.NODE_LOST + "', '"
            + RetryPolicy.NODE_LOST_KIND + "']) FROM scripts s WHERE s.name = r.script), true)))";
    private static final String NODE_LOST_ERROR = "jsonb_build_object('kind', '" + RetryPolicy.NODE_LOST_KIND
            + "', 'message', 'the node ' || coalesce(r.lease_owner, '?') || ' running attempt ' || r.attempts "
            + "|| ' stopped renewing its lease', 'line', 0, 'column', 0)";
    /**
     * Expired leases first, then waiting runs by due time; the CTEs are read only as far as the outer LIMIT needs,
     * so no row is locked that is not taken.
     */
    private static final String TAKE = "WITH lost AS (SELECT id FROM runs WHERE status = 'running' "
            + "AND lease_until <= now() ORDER BY lease_until LIMIT ? FOR UPDATE SKIP LOCKED), "
            + "waiting AS (SELECT id FROM runs WHERE status IN ('queued', 'failed') AND next_at <= now() "
            + "ORDER BY next_at LIMIT ? FOR UPDATE SKIP LOCKED), "
            + "due AS (SELECT id, true AS lost FROM lost UNION ALL SELECT id, false FROM waiting LIMIT ?) "
            + "UPDATE runs r SET "
            + "history = CASE WHEN due.lost THEN r.history || jsonb_build_array(jsonb_build_object('attempt', "
            + "r.attempts, 'node', r.lease_owner, 'startedAt', r.started_at, 'finishedAt', now(), 'outcome', "
            + "CASE WHEN " + LOST_FOR_GOOD + " THEN 'dead' ELSE 'failed' END, 'error', " + NODE_LOST_ERROR
            + ", 'invocation', null)) ELSE r.history END, "
            + "error = CASE WHEN due.lost THEN " + NODE_LOST_ERROR + " ELSE r.error END, "
            + "status = CASE WHEN " + LOST_FOR_GOOD + " THEN 'dead' ELSE 'running' END, "
            + "attempts = CASE WHEN " + LOST_FOR_GOOD + " THEN r.attempts ELSE r.attempts + 1 END, "
            + "lease_owner = CASE WHEN " + LOST_FOR_GOOD + " THEN NULL ELSE ? END, "
            + "lease_until = CASE WHEN " + LOST_FOR_GOOD + " THEN NULL "
            + "ELSE now() + ? * interval '1 millisecond' END, "
            + "started_at = CASE WHEN " + LOST_FOR_GOOD + " THEN r.started_at ELSE now() END, "
            + "finished_at = CASE WHEN " + LOST_FOR_GOOD + " THEN now() ELSE NULL END "
            + "FROM due WHERE r.id = due.id "
            + "RETURNING r.id, r.script, r.trigger, r.source, r.binding_id, r.payload::text, r.attempts, "
            + "r.max_attempts, (SELECT retry::text FROM scripts WHERE name = r.script), r.created_at, r.event_time, "
            + "r.status, due.lost";
    private static final String RENEW = "UPDATE runs SET lease_until = now() + ? * interval '1 millisecond' "
            + "WHERE id = ANY (?) AND lease_owner = ? AND status = 'running' RETURNING id";
    private static final String COMPLETE = "WITH c AS (SELECT * FROM unnest(?::bigint[], ?::text[], ?::int[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
            + "AS u(id, node, attempt, status, result, error, output, entry, next_at)), "
            + "upd AS (UPDATE runs r SET status = c.status, result = c.result::jsonb, error = c.error::jsonb, "
            + "output = c.output::jsonb, history = r.history || jsonb_build_array(c.entry::jsonb), "
            + "next_at = coalesce(c.next_at::timestamptz, r.next_at), lease_owner = NULL, lease_until = NULL, "
            + "finished_at = CASE WHEN c.status IN ('succeeded', 'dead') THEN now() END "
            + "FROM c WHERE r.id = c.id AND r.lease_owner = c.node AND r.attempts = c.attempt "
            + "AND r.status = 'running' RETURNING r.id, r.status, r.next_at) "
            + "SELECT id, (SELECT pg_notify('" + RunStore.CHANNEL + "', "
            + "(extract(epoch FROM min(next_at)) * 1000)::bigint::text) FROM upd WHERE status = 'failed' "
            + "HAVING count(*) > 0) FROM upd";

    /** One attempt to complete. */
    record Completion(String node, LeasedRun run, AttemptOutcome outcome) {
    }

    /** What {@link #take} found: the runs now leased, and how many lost ones it retook or made dead. */
    record Taken(List<LeasedRun> runs, int lostRetaken, int lostDead) {
    }

    private RunLeases() {
    }

    static Taken take(Connection c, String node, int max, Duration lease) throws SQLException {
        List<LeasedRun> out = new ArrayList<>();
        int retaken = 0;
        int dead = 0;
        try (PreparedStatement ps = c.prepareStatement(TAKE)) {
            ps.setInt(1, max);
            ps.setInt(2, max);
            ps.setInt(3, max);
            ps.setString(4, node);
            ps.setLong(5, lease.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean lost = rs.getBoolean(13);
                    if (Run.DEAD.equals(rs.getString(12))) {
                        dead++;
                        continue;
                    }
                    if (lost) {
                        retaken++;
                    }
                    String retry = rs.getString(9);
                    RetryPolicy policy = retry == null ? RetryPolicy.DEFAULT : ScriptSettingsColumns.retry(retry);
                    out.add(new LeasedRun(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), RunRows.payload(rs.getString(6)), rs.getInt(7), rs.getInt(8), policy,
                            RunRows.instant(rs.getTimestamp(10)), RunRows.instant(rs.getTimestamp(11))));
                }
            }
        }
        return new Taken(out, retaken, dead);
    }

    static Set<Long> renew(Connection c, String node, Collection<Long> ids, Duration lease) throws SQLException {
        Set<Long> lost = new HashSet<>(ids);
        try (PreparedStatement ps = c.prepareStatement(RENEW)) {
            ps.setLong(1, lease.toMillis());
            ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            ps.setString(3, node);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lost.remove(rs.getLong(1));
                }
            }
        }
        return lost;
    }

    /** One answer per completion: whether it was written. A run completed twice in the batch: only the first. */
    static List<Boolean> complete(Connection c, List<Completion> batch) throws SQLException {
        Map<Long, Integer> first = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            first.putIfAbsent(batch.get(i).run().id(), i);
        }
        int n = first.size();
        Long[] ids = new Long[n];
        Integer[] attempts = new Integer[n];
        String[][] text = new String[7][n];
        int k = 0;
        for (int i : first.values()) {
            Completion done = batch.get(i);
            AttemptOutcome o = done.outcome();
            ids[k] = done.run().id();
            attempts[k] = done.run().attempt();
            text[0][k] = done.node();
            text[1][k] = o.next();
            text[2][k] = Run.SUCCEEDED.equals(o.next()) ? RunRows.write(o.result()) : null;
            text[3][k] = RunRows.writeOrNull(RunRows.errorJson(o.error()));
            text[4][k] = RunRows.write(o.output() == null ? List.of() : o.output());
            text[5][k] = RunRows.write(RunRows.attemptJson(new Run.RunAttempt(done.run().attempt(), done.node(),
                    o.startedAt(), o.finishedAt(), o.next(), o.error(), o.invocation())));
            text[6][k] = Run.FAILED.equals(o.next()) && o.nextAttemptAt() != null ? o.nextAttemptAt().toString() : null;
            k++;
        }
        Set<Long> written = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(COMPLETE)) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            ps.setArray(2, c.createArrayOf("text", text[0]));
            ps.setArray(3, c.createArrayOf("int4", attempts));
            for (int col = 1; col < 7; col++) {
                ps.setArray(col + 3, c.createArrayOf("text", text[col]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getLong(1));
                }
            }
        }
        List<Boolean> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            long id = batch.get(i).run().id();
            out.add(first.get(id) == i && written.contains(id));
        }
        return out;
    }
}
