package io.picloud.store.impl;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.picloud.api.AttemptOutcome;
import io.picloud.api.LeasedRun;
import io.picloud.api.Run;
import io.picloud.api.RunQuery;
import io.picloud.api.RunQueueStats;
import io.picloud.api.RunRequest;
import io.picloud.api.RunStore;
import io.picloud.api.ScriptNames;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RunStore} over the {@code runs} table. Submits and completions from many threads are combined into one
 * statement per batch ({@link Combiner}), so that thousands per second cost a few commits; takes are one statement
 * each. Also reports the runs it found with an expired lease (node lost) as metrics.
 */
@Component(service = {RunStore.class, MetricSource.class})
public class JdbcRunStore implements RunStore, MetricSource {
    static final int MAX_KEY_LENGTH = 255;
    static final int BATCH = 500;
    static final long LINGER_NANOS = 300_000;
    static final long LISTEN_WAIT_MS = 2_000;
    private static final int CAPACITY = 50_000;
    private static final int PRUNE_CHUNK = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcRunStore.class);
    private static final String WAITING = "status IN ('queued', 'failed')";

    private final StoreDatabase db;
    private final DataSource dataSource;
    private final Combiner<RunRequest, Optional<Submitted>> submits;
    private final Combiner<RunLeases.Completion, Boolean> completions;
    private final LongAdder lostRetaken = new LongAdder();
    private final LongAdder lostDead = new LongAdder();

    @Activate
    public JdbcRunStore(@Reference StoreDatabase db,
                        @Reference(target = "(dataSourceName=picloud)") DataSource dataSource) {
        this.db = db;
        this.dataSource = dataSource;
        this.submits = new Combiner<>("run submit", CAPACITY, BATCH, LINGER_NANOS,
                batch -> RunSubmits.submit(db, batch));
        this.completions = new Combiner<>("run completion", CAPACITY, BATCH, LINGER_NANOS,
                batch -> DbWork.query(db, "completing runs", c -> RunLeases.complete(c, batch)));
    }

    @Deactivate
    public void stop() {
        submits.stop();
        completions.stop();
    }

    @Override
    public Optional<Submitted> submit(RunRequest request) {
        if (!ScriptNames.isValid(request.script())) {
            return Optional.empty();
        }
        String key = request.idempotencyKey();
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH)) {
            throw new IllegalArgumentException("an idempotency key has 1 to " + MAX_KEY_LENGTH + " characters");
        }
        if (request.trigger() == null || request.trigger().isEmpty()) {
            throw new IllegalArgumentException("a run needs its trigger");
        }
        return submits.call(request);
    }

    @Override
    public List<LeasedRun> take(String node, int max, Duration lease) {
        if (max <= 0) {
            return List.of();
        }
        RunLeases.Taken taken = DbWork.query(db, "taking runs", c -> RunLeases.take(c, node, max, lease));
        if (taken.lostRetaken() > 0 || taken.lostDead() > 0) {
            lostRetaken.add(taken.lostRetaken());
            lostDead.add(taken.lostDead());
            LOG.info("Took {} runs again whose node stopped renewing their lease; {} became dead letters",
                    taken.lostRetaken(), taken.lostDead());
        }
        return taken.runs();
    }

    @Override
    public Set<Long> renew(String node, Collection<Long> ids, Duration lease) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return DbWork.query(db, "renewing run leases", c -> RunLeases.renew(c, node, ids, lease));
    }

    @Override
    public boolean complete(String node, LeasedRun run, AttemptOutcome outcome) {
        String next = outcome.next();
        if (!Run.SUCCEEDED.equals(next) && !Run.FAILED.equals(next) && !Run.DEAD.equals(next)) {
            throw new IllegalArgumentException("an attempt ends succeeded, failed or dead, not " + next);
        }
        return completions.call(new RunLeases.Completion(node, run, outcome));
    }

    @Override
    public Optional<Instant> nextDue() {
        return DbWork.query(db, "reading the next due run", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT least((SELECT min(next_at) FROM runs WHERE "
                    + WAITING + "), (SELECT min(lease_until) FROM runs WHERE status = 'running'))");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(RunRows.instant(rs.getTimestamp(1)));
            }
        });
    }

    /** Returns once LISTEN is in place (or after {@link #LISTEN_WAIT_MS}), so that no later write is missed. */
    @Override
    public AutoCloseable onWork(Consumer<Instant> wake) {
        PgNotifications listener = new PgNotifications(dataSource, CHANNEL, "run", (pid, payload) ->
                wake.accept(dueTime(payload)), () -> wake.accept(null));
        listener.start();
        try {
            listener.awaitListening(LISTEN_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return listener::stop;
    }

    private static Instant dueTime(String payload) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(payload.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public Optional<Run> find(long id) {
        return DbWork.query(db, "reading a run", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RunRows.COLUMNS + " FROM runs WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(RunRows.run(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Run> list(RunQuery query) {
        return DbWork.query(db, "listing runs", c -> RunLists.list(c, query));
    }

    @Override
    public Optional<Run> replay(long deadId, Map<String, Object> payload, String submittedBy) {
        return DbWork.inTransaction(db, "replaying a dead letter", c -> RunLists.replay(c, deadId, payload,
                submittedBy));
    }

    @Override
    public boolean delete(long deadId) {
        return DbWork.query(db, "deleting a dead letter", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM runs WHERE id = ? AND status = 'dead'")) {
                ps.setLong(1, deadId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Each count through its partial index, so that the succeeded runs kept for retention are never scanned. */
    @Override
    public RunQueueStats stats() {
        return DbWork.query(db, "reading the run queue", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM runs WHERE " + WAITING
                    + "), (SELECT count(*) FROM runs WHERE status = 'running'), "
                    + "(SELECT count(*) FROM runs WHERE status = 'dead' AND replayed_as IS NULL), "
                    + "(SELECT extract(epoch FROM now() - min(next_at)) * 1000 FROM runs WHERE " + WAITING
                    + " AND next_at <= now())");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                long oldest = Math.max(0, (long) rs.getDouble(4));
                return new RunQueueStats(rs.getLong(1), rs.getLong(2), rs.getLong(3), Duration.ofMillis(oldest));
            }
        });
    }

    /** Deletes in chunks, so that a large backlog never holds one long transaction. */
    @Override
    public Map<String, Long> prune(Instant succeededBefore, Instant deadBefore) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put(Run.SUCCEEDED, pruneStatus(Run.SUCCEEDED, succeededBefore));
        out.put(Run.DEAD, pruneStatus(Run.DEAD, deadBefore));
        return out;
    }

    private long pruneStatus(String status, Instant before) {
        long total = 0;
        while (before != null) {
            int n = DbWork.query(db, "pruning runs", c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM runs WHERE id IN (SELECT id FROM runs "
                        + "WHERE status = ? AND finished_at < ? LIMIT " + PRUNE_CHUNK + ")")) {
                    ps.setString(1, status);
                    ps.setTimestamp(2, Timestamp.from(before));
                    return ps.executeUpdate();
                }
            });
            total += n;
            if (n < PRUNE_CHUNK) {
                break;
            }
        }
        return total;
    }

    @Override
    public void collect(MetricWriter out) {
        out.counter("picloud_runs_node_lost", "Runs found with an expired lease (their node stopped renewing it)",
                Map.of("then", "retaken"), lostRetaken.sum());
        out.counter("picloud_runs_node_lost", "Runs found with an expired lease (their node stopped renewing it)",
                Map.of("then", "dead"), lostDead.sum());
    }
}
