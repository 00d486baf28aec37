package io.picloud.store.impl;

import io.picloud.api.InvocationBucket;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** {@link JdbcInvocationStats} on the real PostgreSQL, over batches written as the invocation log writes them. */
public class JdbcInvocationStatsTest {
    private static final Instant SINCE = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private TestDatabase pg;
    private StoreDatabase db;
    private JdbcInvocationStats stats;

    @Before
    public void start() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
        stats = new JdbcInvocationStats(db);
    }

    @After
    public void stop() throws Exception {
        db.stop();
        pg.close();
    }

    /** One write batch of {@code script}: runs as (seconds after SINCE, duration in us, status). */
    private void batch(String script, Object... runs) throws SQLException {
        StringBuilder starts = new StringBuilder();
        StringBuilder durations = new StringBuilder();
        StringBuilder statuses = new StringBuilder();
        long newest = Long.MIN_VALUE;
        int n = runs.length / 3;
        for (int i = 0; i < runs.length; i += 3) {
            long seconds = ((Number) runs[i]).longValue();
            newest = Math.max(newest, seconds);
            String sep = i == 0 ? "" : ",";
            starts.append(sep).append('"').append(SINCE.plusSeconds(seconds)).append('"');
            durations.append(sep).append(runs[i + 1]);
            statuses.append(sep).append(runs[i + 2]);
        }
        String ones = String.join(",", java.util.Collections.nCopies(n, "1"));
        String nulls = String.join(",", java.util.Collections.nCopies(n, "NULL"));
        String http = String.join(",", java.util.Collections.nCopies(n, "http"));
        pg.execute("INSERT INTO invocation_batches (script, runs, newest_start, version, trigger, started_at, "
                + "duration_us, status, error_kind, error_message, output, operations) VALUES ('" + script + "', " + n
                + ", '" + SINCE.plusSeconds(newest) + "', '{" + ones + "}', '{" + http + "}', '{" + starts + "}', '{"
                + durations + "}', '{" + statuses + "}', '{" + nulls + "}', '{" + nulls + "}', '{" + nulls + "}', '{"
                + ones + "}')");
    }

    @Test
    public void countsPerScriptWithEveryBucketPresent() throws Exception {
        batch("a", 5, 100, "ok", 30, 100, "error", 70, 100, "ok");
        batch("b", 150, 100, "limit");
        Map<String, List<InvocationBucket>> counts = stats.counts(Set.of("b", "a", "idle"), SINCE, MINUTE, 3);
        assertEquals(List.of("a", "b", "idle"), List.copyOf(counts.keySet()));
        List<InvocationBucket> a = counts.get("a");
        assertEquals(List.of(SINCE, SINCE.plusSeconds(60), SINCE.plusSeconds(120)),
                a.stream().map(InvocationBucket::start).toList());
        assertEquals(List.of(2L, 1L, 0L), a.stream().map(InvocationBucket::calls).toList());
        assertEquals(List.of(1L, 0L, 0L), a.stream().map(InvocationBucket::errors).toList());
        assertNull(a.get(0).p50Us());
        assertEquals("a limit hit is an error", List.of(0L, 0L, 1L),
                counts.get("b").stream().map(InvocationBucket::errors).toList());
        assertEquals(List.of(0L, 0L, 0L), counts.get("idle").stream().map(InvocationBucket::calls).toList());
    }

    @Test
    public void runsOutsideTheWindowAndOtherScriptsAreLeftOut() throws Exception {
        // a batch written late: its newest run is in the window, two older ones are not
        batch("a", -3600, 100, "ok", -1, 100, "error", 10, 100, "ok");
        batch("a", -7200, 100, "ok");                 // wholly before the window
        batch("a", 180, 100, "ok");                   // after the last bucket
        batch("secret", 10, 100, "ok");               // a script not asked for
        List<InvocationBucket> a = stats.counts(Set.of("a"), SINCE, MINUTE, 3).get("a");
        assertEquals(List.of(1L, 0L, 0L), a.stream().map(InvocationBucket::calls).toList());
        assertEquals(0L, a.get(0).errors());
        List<InvocationBucket> series = stats.series(Set.of("a"), SINCE, MINUTE, 3);
        assertEquals(List.of(1L, 0L, 0L), series.stream().map(InvocationBucket::calls).toList());
    }

    @Test
    public void theSeriesHasPercentilesPerBucketAndNullForEmptyOnes() throws Exception {
        // 100 runs in the first minute, durations 1..100 us; one slow error in the third minute
        Object[] runs = new Object[300];
        for (int i = 0; i < 100; i++) {
            runs[3 * i] = i % 60;
            runs[3 * i + 1] = i + 1;
            runs[3 * i + 2] = "ok";
        }
        batch("a", runs);
        batch("b", 130, 5000, "error");
        List<InvocationBucket> series = stats.series(Set.of("a", "b"), SINCE, MINUTE, 3);
        assertEquals(3, series.size());
        InvocationBucket first = series.get(0);
        assertEquals(100, first.calls());
        assertEquals(Long.valueOf(51), first.p50Us());   // 50.5 rounded
        assertEquals(Long.valueOf(99), first.p99Us());   // 99.01 rounded
        assertEquals(0, series.get(1).calls());
        assertNull(series.get(1).p50Us());
        assertNull(series.get(1).p99Us());
        assertEquals(1, series.get(2).errors());
        assertEquals(Long.valueOf(5000), series.get(2).p50Us());
        assertEquals("only the scripts asked for", 100, stats.series(Set.of("a"), SINCE, MINUTE, 3).stream()
                .mapToLong(InvocationBucket::calls).sum());
        assertEquals(0, stats.series(Set.of(), SINCE, MINUTE, 3).stream().mapToLong(InvocationBucket::calls).sum());
    }

    @Test
    public void lastCallsAreTheNewestRunOfEachScriptEverKept() throws Exception {
        batch("a", -86_400 * 3, 100, "ok");
        batch("a", -10, 100, "ok", -20, 100, "ok");
        batch("b", 5, 100, "ok");
        Map<String, Instant> last = stats.lastCalls(Set.of("a", "b", "never"));
        assertEquals(SINCE.minusSeconds(10), last.get("a"));
        assertEquals(SINCE.plusSeconds(5), last.get("b"));
        assertEquals(2, last.size());
    }

    @Test
    public void onlyRecentBatchesAreRead() throws Exception {
        // a month of old batches, written in time order as the log writes them, and one recent batch
        pg.execute("INSERT INTO invocation_batches (script, runs, newest_start, version, trigger, started_at, "
                + "duration_us, status, error_kind, error_message, output, operations) SELECT 'a', 1, t, '{1}', "
                + "'{http}', ARRAY[t], '{100}', '{ok}', '{NULL}', '{NULL}', '{NULL}', '{1}' FROM generate_series("
                + "timestamptz '" + SINCE + "' - interval '30 days', timestamptz '" + SINCE + "' - interval '1 hour', "
                + "interval '1 minute') AS t");
        batch("a", 5, 100, "ok");
        pg.execute("ANALYZE invocation_batches");
        for (String sql : List.of(JdbcInvocationStats.COUNTS_SQL, JdbcInvocationStats.SERIES_SQL)) {
            String plan = plan(sql);
            assertFalse(plan, plan.contains("Seq Scan on invocation_batches"));
            assertTrue(plan, plan.matches("(?s).*(Index|Recheck) Cond: .*newest_start >= .*"));
        }
        assertEquals(1, stats.series(Set.of("a"), SINCE, MINUTE, 3).get(0).calls());
    }

    /** The statement's plan as PostgreSQL chooses it. */
    private String plan(String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = pg.dataSource.getConnection(); Statement s = c.createStatement()) {
            try (PreparedStatement ps = JdbcInvocationStats.Named.of("EXPLAIN " + sql).prepare(c, Set.of("a"), SINCE,
                    MINUTE, 3); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
