package io.picloud.store.impl;

import io.picloud.api.InvocationId;
import io.picloud.api.InvocationQuery;
import io.picloud.api.InvocationRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs selected from {@code invocation_batches} by id ({@code "<batch>.<run>"}, the run numbered from 1 within its
 * batch as the view {@code invocations} numbers it), filtered in PostgreSQL: each batch's arrays are unnested and
 * only matching runs come back, newest id first.
 */
final class InvocationQueries {
    /** Batches written before schemas 5 and 6 have no source, line or column arrays: unnest pads them with NULLs. */
    private static final String RUNS = "SELECT b.id, r.run, b.script, r.version, r.trigger, r.started_at, "
            + "r.duration_us, r.status, r.error_kind, r.error_message, r.output, r.operations, r.source, r.line, "
            + "r.col, r.ref FROM invocation_batches b CROSS JOIN LATERAL unnest(b.version, b.trigger, b.started_at, "
            + "b.duration_us, b.status, b.error_kind, b.error_message, b.output, b.operations, b.source, "
            + "b.error_line, b.error_column, b.ref) WITH ORDINALITY AS r(version, trigger, started_at, duration_us, "
            + "status, error_kind, error_message, output, operations, source, line, col, ref, run)";
    /**
     * A run by its ref: only batches whose newest run started at or after the ref's start (a range the BRIN index
     * on newest_start finds), and of those only the ones whose ref array holds it, are unnested.
     */
    private static final String BY_REF = RUNS + " WHERE b.newest_start >= ? AND b.ref @> ARRAY[?::text] "
            + "AND r.ref = ? ORDER BY b.id DESC LIMIT 1";

    private final Function<String, List<String>> output;

    /** {@code output}: a run's printed lines from the JSON text stored for it (null: none). */
    InvocationQueries(Function<String, List<String>> output) {
        this.output = output;
    }

    List<InvocationRecord> query(Connection c, InvocationQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder(RUNS).append(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.script() != null) {
            sql.append(" AND b.script = ?");
            args.add(q.script());
        }
        if (q.before() != null) {
            // the first condition lets PostgreSQL skip newer batches by the primary key
            sql.append(" AND b.id <= ? AND (b.id < ? OR r.run < ?)");
            args.add(q.before().batch());
            args.add(q.before().batch());
            args.add((long) q.before().run());
        }
        if (q.after() != null) {
            sql.append(" AND b.id >= ? AND (b.id > ? OR r.run > ?)");
            args.add(q.after().batch());
            args.add(q.after().batch());
            args.add((long) q.after().run());
        }
        condition(sql, args, "r.status = ?", q.status());
        condition(sql, args, "r.trigger = ?", q.trigger());
        if (q.since() != null) {
            // a batch's newest start bounds all of its runs: older batches are skipped without unnesting
            sql.append(" AND b.newest_start >= ? AND r.started_at >= ?");
            args.add(Timestamp.from(q.since()));
            args.add(Timestamp.from(q.since()));
        }
        condition(sql, args, "r.started_at < ?", q.until() == null ? null : Timestamp.from(q.until()));
        sql.append(" ORDER BY b.id DESC, r.run DESC LIMIT ? OFFSET ?");
        args.add((long) q.limit());
        args.add((long) q.offset());
        return read(c, sql.toString(), args);
    }

    List<InvocationRecord> find(Connection c, InvocationId id) throws SQLException {
        return read(c, RUNS + " WHERE b.id = ? AND r.run = ?", List.of(id.batch(), (long) id.run()));
    }

    /** {@code start}: the start the ref encodes ({@link io.picloud.api.InvocationRef#startOf}). */
    List<InvocationRecord> byRef(Connection c, String ref, java.time.Instant start) throws SQLException {
        return read(c, BY_REF, List.of(Timestamp.from(start), ref, ref));
    }

    List<InvocationRecord> batch(Connection c, long batch) throws SQLException {
        return read(c, RUNS + " WHERE b.id = ? ORDER BY r.run", List.of(batch));
    }

    private static void condition(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            args.add(value);
        }
    }

    private List<InvocationRecord> read(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<InvocationRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
            return out;
        }
    }

    private InvocationRecord record(ResultSet rs) throws SQLException {
        InvocationId id = new InvocationId(rs.getLong(1), rs.getInt(2));
        return new InvocationRecord(rs.getString(3), rs.getInt(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                rs.getLong(7), rs.getString(8), rs.getString(9), rs.getString(10), output.apply(rs.getString(11)),
                rs.getLong(12), rs.getString(13), rs.getInt(14), rs.getInt(15), id.toString(), rs.getString(16));
    }
}
