package io.picloud.store.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.picloud.api.InvocationFeed;
import io.picloud.api.InvocationId;
import io.picloud.api.InvocationQuery;
import io.picloud.api.InvocationRecord;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** Invocation ids, filters, one run by id and the feed of new batches, against the real PostgreSQL. */
public class InvocationQueriesTest {
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
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
        log = new JdbcInvocationLog(db, 100, 0, 0);
    }

    @After
    public void stopLog() {
        log.stop();
    }

    @Test
    public void runsHaveIdsInArrivalOrderAndErrorPositions() throws Exception {
        writeOneBatch(ok("a", 0), failed("a", 1, 3, 9), ok("b", 2));
        List<InvocationRecord> all = log.query(InvocationQuery.newest(null, 10));
        assertEquals(3, all.size());
        InvocationId newest = InvocationId.parse(all.get(0).id());
        InvocationId oldest = InvocationId.parse(all.get(2).id());
        assertTrue(newest.compareTo(oldest) > 0);
        InvocationRecord failed = all.stream().filter(r -> r.status().equals("error")).findFirst().orElseThrow();
        assertEquals(3, failed.line());
        assertEquals(9, failed.column());
        assertEquals(0, all.get(0).line());

        InvocationRecord again = log.find(InvocationId.parse(failed.id())).orElseThrow();
        assertEquals(failed, again);
        assertFalse(log.find(new InvocationId(newest.batch() + 1000, 1)).isPresent());
        // the old listing gives the same ids
        assertEquals(failed.id(), log.query("a", 1, 0).get(0).id());
    }

    @Test
    public void filtersAndTheBeforeCursorPageThroughMatchingRuns() throws Exception {
        writeOneBatch(ok("a", 0), failed("a", 1, 1, 1), ok("a", 2), failed("b", 3, 2, 2));
        writeOneBatch(new InvocationRecord("a", 2, "cron", T0.plusSeconds(4), 5, "ok", null, null, List.of(), 1));

        assertEquals(4, log.query(query("a", null, null, null, null, null, 10)).size());
        assertEquals(List.of("b", "a"), scripts(log.query(query(null, "error", null, null, null, null, 10))));
        assertEquals(List.of(4L), startSeconds(log.query(query(null, null, "cron", null, null, null, 10))));
        assertEquals(List.of(3L, 2L), startSeconds(log.query(query(null, null, null, T0.plusSeconds(2),
                T0.plusSeconds(4), null, 10))));

        List<InvocationRecord> first = log.query(query("a", null, "http", null, null, null, 2));
        assertEquals(List.of(2L, 1L), startSeconds(first));
        InvocationId cursor = InvocationId.parse(first.get(1).id());
        assertEquals(List.of(0L), startSeconds(log.query(query("a", null, "http", null, null, cursor, 2))));
        InvocationQuery newer = new InvocationQuery("a", null, null, null, null, null, cursor, 10, 0);
        assertEquals(List.of(4L, 2L), startSeconds(log.query(newer)));
    }

    @Test
    public void batchesWrittenBeforeSchema6HaveNoPosition() throws Exception {
        writeOneBatch(failed("old", 0, 5, 6));
        pg.execute("UPDATE invocation_batches SET error_line = NULL, error_column = NULL, source = NULL");
        InvocationRecord r = log.query(InvocationQuery.newest("old", 1)).get(0);
        assertEquals(0, r.line());
        assertEquals(0, r.column());
        assertNull(r.source());
        assertEquals(0, log.query("old", 1, 0).get(0).line());
    }

    @Test
    public void theFeedTellsEachCommittedBatchWithItsScript() throws Exception {
        JdbcInvocationFeed feed = new JdbcInvocationFeed(db, pg.dataSource);
        BlockingQueue<Object[]> told = new LinkedBlockingQueue<>();
        InvocationFeed.Subscription s = feed.listen((batch, script) -> told.add(new Object[] {batch, script}));
        try {
            assertTrue("listening once listen returns", feed.listening());
            log.record(ok("tail", 0));
            Object[] first = told.poll(30, TimeUnit.SECONDS);
            assertEquals("tail", first[1]);
            List<InvocationRecord> runs = log.batch((Long) first[0]);
            assertEquals(1, runs.size());
            assertEquals(first[0] + ".1", runs.get(0).id());
        } finally {
            s.close();
        }
        assertFalse(feed.listening());
        feed.stop();
    }

    private void writeOneBatch(InvocationRecord... records) throws InterruptedException {
        long before = log.written();
        for (InvocationRecord r : records) {
            log.record(r);
        }
        await(() -> log.written() == before + records.length);
    }

    private static InvocationQuery query(String script, String status, String trigger, Instant since, Instant until,
                                         InvocationId before, int limit) {
        return new InvocationQuery(script, status, trigger, since, until, before, null, limit, 0);
    }

    private static InvocationRecord ok(String script, int second) {
        return new InvocationRecord(script, 1, "http", T0.plusSeconds(second), 10, "ok", null, null, List.of(), 5);
    }

    private static InvocationRecord failed(String script, int second, int line, int column) {
        return new InvocationRecord(script, 1, "http", T0.plusSeconds(second), 10, "error", "ErrorArithmetic",
                "Division by zero", List.of("before"), 5, null, line, column, null);
    }

    private static List<String> scripts(List<InvocationRecord> runs) {
        return runs.stream().map(InvocationRecord::script).toList();
    }

    private static List<Long> startSeconds(List<InvocationRecord> runs) {
        return runs.stream().map(r -> r.start().getEpochSecond() - T0.getEpochSecond()).toList();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertTrue("condition not reached", condition.getAsBoolean());
    }
}
