package io.picloud.store.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.picloud.api.InvocationRecord;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** The batched invocation log against the real PostgreSQL. */
public class JdbcInvocationLogTest {
    private static TestDatabase pg;
    private static StoreDatabase db;
    private JdbcInvocationLog log;

    @BeforeClass
    public static void createDatabase() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
    }

    @AfterClass
    public static void dropDatabase() throws Exception {
        db.stop();
        pg.close();
    }

    @Before
    public void empty() throws SQLException {
        pg.execute("DELETE FROM invocation_batches");
    }

    @After
    public void stopLog() {
        if (log != null) {
            log.stop();
        }
    }

    @Test
    public void recordsAreWrittenAndReadNewestFirst() throws Exception {
        log = new JdbcInvocationLog(db, 100, 7, 0);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 10; i++) {
            log.record(record(i % 2 == 0 ? "even" : "odd", t0.plusSeconds(i), "ok", List.of("line " + i)));
        }
        log.record(new InvocationRecord("odd", 3, "invoke", t0.plusSeconds(20), 1234, "error", "ErrorArithmetic",
                "division by zero\u0000", List.of("a\"b", "ü"), 99, "caller"));
        await(() -> log.written() == 11);

        List<InvocationRecord> odd = log.query("odd", 3, 0);
        assertEquals(3, odd.size());
        InvocationRecord newest = odd.get(0);
        assertEquals("error", newest.status());
        assertEquals("ErrorArithmetic", newest.errorKind());
        assertEquals("division by zero\uFFFD", newest.errorMessage());
        assertEquals(List.of("a\"b", "ü"), newest.output());
        assertEquals(1234, newest.durationMicros());
        assertEquals(99, newest.operations());
        assertEquals("invoke", newest.trigger());
        assertEquals("caller", newest.source());
        assertEquals(null, odd.get(1).source());
        assertEquals(t0.plusSeconds(9), odd.get(1).start());
        assertEquals(List.of("line 7"), odd.get(2).output());

        assertEquals(List.of(t0.plusSeconds(7), t0.plusSeconds(5)),
                log.query("odd", 2, 2).stream().map(InvocationRecord::start).toList());
        assertEquals(11, log.query(null, 100, 0).size());
        assertTrue(log.query("none", 10, 0).isEmpty());
    }

    @Test
    public void aRunIsFoundByItsRef() throws Exception {
        log = new JdbcInvocationLog(db, 100, 7, 0);
        Instant start = Instant.now();
        String ref = io.picloud.api.InvocationRef.next(start);
        log.record(new InvocationRecord("reffed", 2, "http", start, 5, "ok", null, null, List.of(), 1, null, 0, 0,
                null, ref));
        log.record(record("reffed", start.plusMillis(1), "ok", List.of()));
        await(() -> log.written() == 2);
        InvocationRecord found = log.findByRef(ref).orElseThrow();
        assertEquals("reffed", found.script());
        assertEquals(ref, found.ref());
        assertEquals(found, log.find(io.picloud.api.InvocationId.parse(found.id())).orElseThrow());
        assertEquals(ref, log.query("reffed", 2, 0).get(1).ref());
        assertTrue(log.findByRef(io.picloud.api.InvocationRef.next(start)).isEmpty());
        assertTrue(log.findByRef("not-a-ref").isEmpty());
        // a ref whose encoded start is later than the run's start cannot be it: the lookup skips older batches
        assertTrue(log.findByRef(io.picloud.api.InvocationRef.next(start.plusSeconds(60)).split("-")[0] + "-"
                + ref.split("-")[1]).isEmpty());
    }

    @Test
    public void writtenDroppedAndQueuedAreMetrics() throws Exception {
        log = new JdbcInvocationLog(db, 100, 7, 0);
        log.record(record("m", Instant.now(), "ok", List.of()));
        await(() -> log.written() == 1);
        java.util.Map<String, Double> values = new java.util.HashMap<>();
        log.collect(new io.picloud.api.metrics.MetricWriter() {
            @Override
            public void counter(String name, String help, java.util.Map<String, String> labels, double value) {
                values.put(name, value);
            }

            @Override
            public void gauge(String name, String help, java.util.Map<String, String> labels, double value) {
                values.put(name, value);
            }

            @Override
            public void histogram(String name, String help, java.util.Map<String, String> labels, double[] bounds,
                                  long[] counts, double sum, long count) {
            }
        });
        assertEquals(1.0, values.get("picloud_invocation_log_written"), 0);
        assertEquals(0.0, values.get("picloud_invocation_log_dropped"), 0);
        assertEquals(0.0, values.get("picloud_invocation_log_queue_size"), 0);
        assertEquals(100.0, values.get("picloud_invocation_log_queue_capacity"), 0);
    }

    @Test
    public void textAndTimesSurviveTheRoundTrip() throws Exception {
        log = new JdbcInvocationLog(db, 100, 7, 0);
        String nasty = "tab\there\nnew line\r\\back\\slash \\N not null";
        Instant start = Instant.parse("2026-03-29T01:30:00.123456Z");
        log.record(new InvocationRecord("esc", 1, "http", start, 5, "error", "Error\tKind", nasty,
                List.of(nasty, ""), 1));
        log.record(new InvocationRecord("esc", 1, "http", start.plusSeconds(1), 5, "ok", null, null, List.of(), 1));
        Instant before2000 = Instant.parse("1999-12-31T23:59:59.500001Z"); // negative in PostgreSQL's epoch
        log.record(new InvocationRecord("old", 1, "http", before2000, 5, "error", "K", "\uD83D\uDE00 ü", List.of(), 1));
        await(() -> log.written() == 3);
        InvocationRecord old = log.query("old", 1, 0).get(0);
        assertEquals(before2000, old.start());
        assertEquals("\uD83D\uDE00 ü", old.errorMessage());

        List<InvocationRecord> both = log.query("esc", 2, 0);
        assertEquals(null, both.get(0).errorMessage());
        assertEquals(List.of(), both.get(0).output());
        InvocationRecord failed = both.get(1);
        assertEquals(start, failed.start());
        assertEquals("Error\tKind", failed.errorKind());
        assertEquals(nasty, failed.errorMessage());
        assertEquals(List.of(nasty, ""), failed.output());
    }

    @Test
    public void recordsAcceptedDuringAnOutageAreWrittenAfterIt() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestDatabase.HOST, TestDatabase.PORT)) {
            StoreDatabase viaProxy = new StoreDatabase(StoreDatabaseTest.proxiedFor(pg, proxy), "test-store-db");
            viaProxy.start();
            TestDatabase.awaitReady(viaProxy);
            log = new JdbcInvocationLog(viaProxy, 1000, 7, 0);
            log.record(record("before", Instant.now(), "ok", List.of()));
            await(() -> log.written() == 1);

            proxy.cut();
            for (int i = 0; i < 50; i++) {
                log.record(record("during", Instant.now(), "ok", List.of()));
            }
            Thread.sleep(500);
            assertTrue("nothing written while cut", log.written() == 1);
            proxy.restore();
            await(() -> log.written() == 51);
            assertEquals(0, log.dropped());
            assertEquals(50, log.query("during", 100, 0).size());
            log.stop();
            log = null;
            viaProxy.stop();
        }
    }

    @Test
    public void aFullQueueDropsAndCounts() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestDatabase.HOST, TestDatabase.PORT)) {
            StoreDatabase viaProxy = new StoreDatabase(StoreDatabaseTest.proxiedFor(pg, proxy), "test-store-db");
            viaProxy.start();
            TestDatabase.awaitReady(viaProxy);
            proxy.cut();
            viaProxy.problem();
            log = new JdbcInvocationLog(viaProxy, 5, 7, 0);
            log.record(record("flood", Instant.now(), "ok", List.of()));
            await(() -> log.pending() == 0); // the writer holds it, retrying, and takes nothing more meanwhile
            for (int i = 0; i < 25; i++) {
                log.record(record("flood", Instant.now(), "ok", List.of()));
            }
            assertEquals(5, log.pending());
            assertEquals(20, log.dropped());
            proxy.restore();
            await(() -> log.written() == 6);
            assertEquals(6, log.query("flood", 100, 0).size());
            log.stop();
            log = null;
            viaProxy.stop();
        }
    }

    @Test
    public void pruningKeepsTheRetentionWindowAndTheRowLimit() throws Exception {
        log = new JdbcInvocationLog(db, 100, 7, 3);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        log.record(record("old", now.minus(Duration.ofDays(8)), "ok", List.of()));
        for (int i = 4; i >= 0; i--) { // in time order, as runs reach the log; one write batch each
            log.record(record("new", now.minusSeconds(i), "ok", List.of()));
            long expected = 6 - i;
            await(() -> log.written() == expected);
        }
        assertEquals(3, log.prune());
        List<InvocationRecord> left = log.query(null, 10, 0);
        assertEquals(List.of(now.minusSeconds(0), now.minusSeconds(1), now.minusSeconds(2)),
                left.stream().map(InvocationRecord::start).toList());
    }

    @Test
    public void theRowLimitDeletesOnlyWholeBatchesWithNoneOfTheNewestRuns() throws Exception {
        log = new JdbcInvocationLog(db, 100, 0, 2);
        Instant now = Instant.now();
        for (int i = 0; i < 4; i++) {
            log.record(record("many", now.plusMillis(i), "ok", List.of()));
        }
        await(() -> log.written() == 4);
        assertEquals(0, log.prune());
        assertEquals(4, log.query("many", 10, 0).size());
    }

    @Test
    public void aScriptsRunsComeNewestStartFirstAcrossBatchesThatOverlapInTime() throws Exception {
        log = new JdbcInvocationLog(db, 100, 0, 0);
        Instant t = Instant.parse("2026-05-01T00:00:00Z");
        // a long run that started early is recorded after short ones that started later
        log.record(record("mix", t.plusSeconds(5), "ok", List.of()));
        log.record(record("mix", t.plusSeconds(1), "ok", List.of()));
        log.record(record("other", t.plusSeconds(9), "ok", List.of()));
        await(() -> log.written() == 3);
        log.record(record("mix", t.plusSeconds(3), "ok", List.of()));
        log.record(record("mix", t.plusSeconds(4), "ok", List.of()));
        await(() -> log.written() == 5);

        assertEquals(List.of(t.plusSeconds(5), t.plusSeconds(4), t.plusSeconds(3), t.plusSeconds(1)), starts("mix", 10, 0));
        assertEquals(List.of(t.plusSeconds(4), t.plusSeconds(3)), starts("mix", 2, 1));
        assertEquals(List.of(t.plusSeconds(1)), starts("mix", 5, 3));
        assertEquals(List.of(), starts("mix", 5, 4));
        // all scripts: last written first
        assertEquals(List.of(t.plusSeconds(4), t.plusSeconds(3), t.plusSeconds(9)), starts(null, 3, 0));
    }

    private List<Instant> starts(String script, int limit, int offset) {
        return log.query(script, limit, offset).stream().map(InvocationRecord::start).toList();
    }

    private static InvocationRecord record(String script, Instant start, String status, List<String> output) {
        return new InvocationRecord(script, 1, "http", start, 10, status, null, null, output, 5);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertTrue("condition not reached", condition.getAsBoolean());
    }
}
