package io.picloud.store.impl;

import io.picloud.api.InvocationBucket;
import io.picloud.api.InvocationStats;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link InvocationStats} computed by PostgreSQL over {@code invocation_batches}. Only recent batches are read: a
 * batch's {@code newest_start} is the latest start among its runs, so every run that started at or after
 * {@code since} is in a batch with {@code newest_start >= since}, which the brin index on {@code newest_start}
 * finds without reading older batches. Such a batch may still hold runs older than {@code since} (a batch written
 * late, after the database was down, gathers runs of minutes before), so each run's own start is checked as well.
 * Buckets are {@code date_bin} over the run starts; {@code generate_series} supplies the empty ones.
 */
@Component(service = InvocationStats.class)
public class JdbcInvocationStats implements InvocationStats {
    /** Runs of the wanted scripts that started in [since, until): script, start, duration, status. */
    private static final String RUNS = "SELECT b.script, r.started_at, r.duration_us, r.status "
            + "FROM invocation_batches b "
            + "CROSS JOIN LATERAL unnest(b.started_at, b.duration_us, b.status) "
            + "AS r(started_at, duration_us, status) "
            + "WHERE b.newest_start >= {since} AND b.script = ANY({scripts}) "
            + "AND r.started_at >= {since} AND r.started_at < {until}";
    static final String COUNTS_SQL = "WITH runs AS (" + RUNS + "), binned AS ("
            + "SELECT script, date_bin({width}, started_at, {since}) AS start, count(*) AS calls, "
            + "count(*) FILTER (WHERE status <> 'ok') AS errors FROM runs GROUP BY 1, 2) "
            + "SELECT s.script, g.start, coalesce(b.calls, 0), coalesce(b.errors, 0) "
            + "FROM unnest({scripts}) AS s(script) "
            + "CROSS JOIN generate_series({since}, {until} - {width}, {width}) AS g(start) "
            + "LEFT JOIN binned b ON b.script = s.script AND b.start = g.start ORDER BY 1, 2";
    static final String SERIES_SQL = "WITH runs AS (" + RUNS + "), binned AS ("
            + "SELECT date_bin({width}, started_at, {since}) AS start, count(*) AS calls, "
            + "count(*) FILTER (WHERE status <> 'ok') AS errors, "
            + "percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_us) AS p50, "
            + "percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_us) AS p99 FROM runs GROUP BY 1) "
            + "SELECT g.start, coalesce(b.calls, 0), coalesce(b.errors, 0), round(b.p50::numeric), round(b.p99::numeric) "
            + "FROM generate_series({since}, {until} - {width}, {width}) AS g(start) "
            + "LEFT JOIN binned b ON b.start = g.start ORDER BY 1";
    /** The newest batch of each script: an index-only look-up on (script, newest_start DESC) per script. */
    private static final String LAST_CALLS = "SELECT s.script, (SELECT max(b.newest_start) FROM invocation_batches b "
            + "WHERE b.script = s.script) FROM unnest(?) AS s(script)";

    private static final Pattern NAMED = Pattern.compile("\\{(since|until|scripts|width)}");
    private static final Map<String, String> TYPED = Map.of("since", "?::timestamptz", "until", "?::timestamptz",
            "scripts", "?::text[]", "width", "make_interval(secs => ?)");
    private static final Named COUNTS = Named.of(COUNTS_SQL);
    private static final Named SERIES = Named.of(SERIES_SQL);

    private final StoreDatabase db;

    @Activate
    public JdbcInvocationStats(@Reference StoreDatabase db) {
        this.db = db;
    }

    @Override
    public Map<String, List<InvocationBucket>> counts(Set<String> scripts, Instant since, Duration width,
                                                      int buckets) {
        Map<String, List<InvocationBucket>> out = new LinkedHashMap<>();
        if (scripts.isEmpty()) {
            return out;
        }
        return DbWork.query(db, "counting invocations", c -> {
            try (PreparedStatement ps = COUNTS.prepare(c, scripts, since, width, buckets)) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), s -> new ArrayList<>()).add(new InvocationBucket(
                                rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getLong(4), null, null));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<InvocationBucket> series(Set<String> scripts, Instant since, Duration width, int buckets) {
        return DbWork.query(db, "bucketing invocations", c -> {
            List<InvocationBucket> out = new ArrayList<>();
            try (PreparedStatement ps = SERIES.prepare(c, scripts, since, width, buckets)) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new InvocationBucket(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3),
                                nullableLong(rs, 4), nullableLong(rs, 5)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Map<String, Instant> lastCalls(Set<String> scripts) {
        return DbWork.query(db, "reading the last calls", c -> {
            Map<String, Instant> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(LAST_CALLS)) {
                ps.setArray(1, c.createArrayOf("text", scripts.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp t = rs.getTimestamp(2);
                        if (t != null) {
                            out.put(rs.getString(1), t.toInstant());
                        }
                    }
                }
            }
            return out;
        });
    }

    /**
     * A statement written with named parameters ({@code {since}}, {@code {until}}, {@code {scripts}},
     * {@code {width}}, each used several times), as JDBC text with typed {@code ?}s and the name of each in order.
     */
    record Named(String jdbc, List<String> order) {
        static Named of(String sql) {
            List<String> order = new ArrayList<>();
            Matcher m = NAMED.matcher(sql);
            StringBuilder jdbc = new StringBuilder();
            while (m.find()) {
                order.add(m.group(1));
                m.appendReplacement(jdbc, TYPED.get(m.group(1)));
            }
            m.appendTail(jdbc);
            return new Named(jdbc.toString(), List.copyOf(order));
        }

        /** The statement with every parameter bound; {@code until} is the end of the last bucket. */
        PreparedStatement prepare(Connection c, Set<String> scripts, Instant since, Duration width, int buckets)
                throws SQLException {
            Timestamp from = Timestamp.from(since);
            Timestamp until = Timestamp.from(since.plus(width.multipliedBy(buckets)));
            java.sql.Array names = c.createArrayOf("text", new TreeSet<>(scripts).toArray());
            PreparedStatement ps = c.prepareStatement(jdbc);
            for (int i = 0; i < order.size(); i++) {
                switch (order.get(i)) {
                    case "since" -> ps.setTimestamp(i + 1, from);
                    case "until" -> ps.setTimestamp(i + 1, until);
                    case "scripts" -> ps.setArray(i + 1, names);
                    default -> ps.setDouble(i + 1, width.toMillis() / 1000.0);
                }
            }
            return ps;
        }
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
