package io.picloud.store.impl;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.picloud.api.InvocationId;
import io.picloud.api.InvocationLog;
import io.picloud.api.InvocationQuery;
import io.picloud.api.InvocationRecord;
import io.picloud.api.InvocationRef;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;
import org.postgresql.PGConnection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InvocationLog} over PostgreSQL. {@link #record} only offers to a bounded in-memory queue; one writer
 * thread blocks on it and inserts what it finds in JDBC batches, retrying with back-off while the database is
 * unavailable (nothing accepted is lost unless the queue overflows: overflowing records are dropped, counted and
 * logged, and reported as a metric). Old records are pruned by age and/or count at a fixed, rare interval.
 */
@Component(service = {InvocationLog.class, MetricSource.class}, configurationPid = InvocationLogConfig.PID)
public class JdbcInvocationLog implements InvocationLog, MetricSource {
    static final int BATCH = 1_000;
    /**
     * How long the writer lets records gather after the first one before it writes them. Under load this turns
     * thousands of one-record transactions per second (a commit and a WAL flush each) into a few large ones, and the
     * request threads offering records rarely have a parked writer to wake.
     */
    static final long LINGER_MS = 20;
    /** Batches whose newest run started before the bound time. */
    private static final String OLDER_THAN = "WITH gone AS (DELETE FROM invocation_batches WHERE newest_start < ? "
            + "RETURNING runs) SELECT coalesce(sum(runs), 0) FROM gone";
    /** Batches with none of the newest (bound) runs: older than the batch where that count is reached. */
    private static final String BEYOND_NEWEST = "WITH gone AS (DELETE FROM invocation_batches WHERE id < "
            + "(SELECT min(id) FROM (SELECT id, runs, sum(runs) OVER (ORDER BY id DESC) AS upto "
            + "FROM invocation_batches) newest WHERE upto - runs < ?) RETURNING runs) "
            + "SELECT coalesce(sum(runs), 0) FROM gone";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcInvocationLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST_RETRY_MS = 250;
    private static final long MAX_RETRY_MS = 15_000;

    private final StoreDatabase db;
    private final BoundedQueue<InvocationRecord> queue;
    private final Thread writer;
    private final ScheduledExecutorService pruner;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong pruned = new AtomicLong();
    private final int capacity;
    private final InvocationPages pages = new InvocationPages(JdbcInvocationLog::readOutput);
    private final InvocationQueries runs = new InvocationQueries(JdbcInvocationLog::readOutput);
    private volatile boolean running = true;
    private volatile int retentionDays;
    private volatile long maxRows;

    @Activate
    public JdbcInvocationLog(@Reference StoreDatabase db, InvocationLogConfig config) {
        this(db, config.invocationQueueCapacity(), config.invocationRetentionDays(), config.invocationMaxRows());
        long every = Math.max(1, config.invocationPruneIntervalMinutes());
        pruner.scheduleWithFixedDelay(this::pruneQuietly, Math.min(every, 5), every, TimeUnit.MINUTES);
    }

    /** For tests (also the manager's): no scheduled pruning (call {@link #prune()}). */
    public JdbcInvocationLog(StoreDatabase db, int capacity, int retentionDays, long maxRows) {
        this.db = db;
        this.queue = new BoundedQueue<>(capacity);
        this.capacity = Math.max(1, capacity);
        this.retentionDays = retentionDays;
        this.maxRows = maxRows;
        this.writer = new Thread(this::drain, "picloud-invocation-writer");
        this.writer.setDaemon(true);
        this.writer.start();
        this.pruner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "picloud-invocation-pruner");
            t.setDaemon(true);
            return t;
        });
    }

    @Modified
    void modified(InvocationLogConfig config) {
        retentionDays = config.invocationRetentionDays();
        maxRows = config.invocationMaxRows();
    }

    @Deactivate
    public void stop() {
        running = false;
        pruner.shutdownNow();
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        if (left > 0) {
            LOG.warn("Stopping with {} invocation records not written", left);
        }
    }

    @Override
    public void record(InvocationRecord record) {
        if (record == null) {
            return;
        }
        if (!queue.offer(record)) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) { // 1, 2, 4, 8 ...: visible, never a flood
                LOG.warn("Invocation log queue full: {} records dropped so far", n);
            }
        }
    }

    /** Records dropped because the queue was full, since start. */
    long dropped() {
        return dropped.get();
    }

    /** Records written since start. */
    public long written() {
        return written.get();
    }

    /** Records accepted and not yet written. */
    int pending() {
        return queue.size();
    }

    @Override
    public List<InvocationRecord> query(String script, int limit, int offset) {
        if (limit <= 0) {
            return List.of();
        }
        return DbWork.query(db, "reading invocations", c -> pages.read(c, script, limit, Math.max(0, offset)));
    }

    @Override
    public List<InvocationRecord> query(InvocationQuery query) {
        return DbWork.query(db, "reading invocations", c -> runs.query(c, query));
    }

    @Override
    public Optional<InvocationRecord> find(InvocationId id) {
        return DbWork.query(db, "reading an invocation", c -> runs.find(c, id)).stream().findFirst();
    }

    @Override
    public Optional<InvocationRecord> findByRef(String ref) {
        Instant start = InvocationRef.startOf(ref);
        if (start == null) {
            return Optional.empty();
        }
        return DbWork.query(db, "reading an invocation", c -> runs.byRef(c, ref, start)).stream().findFirst();
    }

    @Override
    public void collect(MetricWriter out) {
        out.counter("picloud_invocation_log_written", "Invocation records written to the database.", Map.of(),
                written.get());
        out.counter("picloud_invocation_log_dropped", "Invocation records dropped: the writer's queue was full, "
                + "or the database refused the record.", Map.of(), dropped.get());
        out.counter("picloud_invocation_log_pruned", "Invocation records deleted by the retention settings.",
                Map.of(), pruned.get());
        out.gauge("picloud_invocation_log_queue_size", "Invocation records accepted and not yet written.", Map.of(),
                queue.size());
        out.gauge("picloud_invocation_log_queue_capacity", "Records the writer's queue holds before it drops.",
                Map.of(), capacity);
    }

    @Override
    public List<InvocationRecord> batch(long batch) {
        return DbWork.query(db, "reading an invocation batch", c -> runs.batch(c, batch));
    }

    /**
     * Deletes records past the retention; returns how many. Whole write batches go: by age when their newest run
     * is older than the retention, by count when none of their runs is among the newest {@code maxRows} (so
     * somewhat more than {@code maxRows} may stay, never fewer).
     */
    int prune() {
        int days = retentionDays;
        long rows = maxRows;
        int n = DbWork.query(db, "pruning invocations", c ->
                (days > 0 ? deleteRuns(c, OLDER_THAN, Timestamp.from(Instant.now().minus(Duration.ofDays(days)))) : 0)
                        + (rows > 0 ? deleteRuns(c, BEYOND_NEWEST, rows) : 0));
        pruned.addAndGet(n);
        return n;
    }

    /** Runs a deletion of batches (one bound value) and returns how many runs they held. */
    private static int deleteRuns(Connection c, String sql, Object bound) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, bound);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private void pruneQuietly() {
        try {
            int n = prune();
            if (n > 0) {
                LOG.info("Pruned {} old invocation records", n);
            }
        } catch (StoreUnavailableException e) {
            LOG.debug("Invocation pruning skipped: database unavailable");
        } catch (RuntimeException e) {
            LOG.warn("Invocation pruning failed: {}", e.getMessage());
        }
    }

    private void drain() {
        List<InvocationRecord> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    if (running) {
                        queue.awaitItems();
                        linger();
                    }
                    queue.drainTo(batch, BATCH - batch.size());
                }
                if (batch.isEmpty()) {
                    return;
                }
                writeWithRetry(batch);
                batch.clear();
            } catch (InterruptedException e) {
                if (running) {
                    continue;
                }
                // stopping: one last attempt for what is in hand and queued
                queue.drainTo(batch);
                tryOnce(batch);
                return;
            }
        }
    }

    private void linger() throws InterruptedException {
        if (queue.size() < BATCH) {
            Thread.sleep(LINGER_MS);
        }
    }

    private void writeWithRetry(List<InvocationRecord> batch) throws InterruptedException {
        long wait = FIRST_RETRY_MS;
        while (true) {
            try {
                insert(batch);
                return;
            } catch (StoreUnavailableException e) {
                Thread.sleep(wait);
                wait = Math.min(wait * 2, MAX_RETRY_MS);
            } catch (RuntimeException e) {
                insertOneByOne(batch);
                return;
            }
        }
    }

    private void tryOnce(List<InvocationRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            insert(batch);
            batch.clear();
        } catch (RuntimeException e) {
            LOG.warn("Could not write {} invocation records while stopping: {}", batch.size(), e.getMessage());
            queue.addAll(batch);
        }
    }

    /** A batch failed for a reason other than the database being down: find and drop the bad records. */
    private void insertOneByOne(List<InvocationRecord> batch) throws InterruptedException {
        for (InvocationRecord r : batch) {
            long wait = FIRST_RETRY_MS;
            while (true) {
                try {
                    insert(List.of(r));
                    break;
                } catch (StoreUnavailableException e) {
                    Thread.sleep(wait);
                    wait = Math.min(wait * 2, MAX_RETRY_MS);
                } catch (RuntimeException e) {
                    dropped.incrementAndGet();
                    LOG.warn("Dropped an invocation record of {} that could not be stored: {}", r.script(),
                            e.getMessage());
                    break;
                }
            }
        }
    }

    private void insert(List<InvocationRecord> batch) {
        byte[] rows = InvocationRows.of(batch, JdbcInvocationLog::writeOutput);
        try (Connection c = db.connection()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(InvocationRows.COPY, new ByteArrayInputStream(rows),
                    rows.length);
            written.addAndGet(batch.size());
        } catch (SQLException e) {
            throw db.failed(e, "writing invocations");
        } catch (IOException e) {
            throw db.failed(new SQLException("copy stream failed", "08006", e), "writing invocations");
        }
    }

    private static String writeOutput(List<String> output) {
        if (output == null || output.isEmpty()) {
            return null; // most runs print nothing: no JSON to write, nor for PostgreSQL to parse (read back as [])
        }
        try {
            return JSON.writeValueAsString(output.stream().map(InvocationRows::clean).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("output not serialisable", e);
        }
    }

    private static List<String> readOutput(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of(json);
        }
    }
}
