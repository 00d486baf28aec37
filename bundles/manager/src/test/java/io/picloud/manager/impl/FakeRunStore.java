package io.picloud.manager.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.picloud.api.AttemptOutcome;
import io.picloud.api.LeasedRun;
import io.picloud.api.RetryPolicy;
import io.picloud.api.Run;
import io.picloud.api.RunQuery;
import io.picloud.api.RunQueueStats;
import io.picloud.api.RunRequest;
import io.picloud.api.RunStore;
import io.picloud.api.StoreUnavailableException;

/**
 * A {@link RunStore} in memory for the control plane's tests: queueing, idempotency, reading, replay and removal
 * as the store's contract says; the workers' half (take, renew, complete) is not needed here. Tests finish runs
 * with {@link #finish}. Thread-safe by one lock.
 */
public final class FakeRunStore implements RunStore {
    private final Predicate<String> scriptExists;
    private final TreeMap<Long, Run> runs = new TreeMap<>();
    private final Map<String, Long> keys = new java.util.HashMap<>();
    private long next = 1;
    private volatile boolean away;

    public FakeRunStore(Predicate<String> scriptExists) {
        this.scriptExists = scriptExists;
    }

    /** While true, every call throws {@link StoreUnavailableException}. */
    public void away(boolean value) {
        away = value;
    }

    /** The last request queued through {@link #submit}. */
    public volatile RunRequest lastRequest;

    @Override
    public synchronized Optional<Submitted> submit(RunRequest r) {
        check();
        if (!scriptExists.test(r.script())) {
            return Optional.empty();
        }
        lastRequest = r;
        if (r.idempotencyKey() != null) {
            Long known = keys.get(r.script() + "\n" + r.idempotencyKey());
            if (known != null) {
                return Optional.of(new Submitted(runs.get(known), true));
            }
        }
        Run run = queued(r.script(), r.trigger(), r.source(), r.bindingId(), r.payload(), r.submittedBy(), null);
        if (r.idempotencyKey() != null) {
            keys.put(r.script() + "\n" + r.idempotencyKey(), run.id());
        }
        return Optional.of(new Submitted(run, false));
    }

    /** Ends run {@code id} as {@code status} (succeeded with {@code result}, or dead with {@code error}). */
    public synchronized Run finish(long id, String status, Object result, Run.RunError error) {
        Run r = runs.get(id);
        Instant now = Instant.now();
        List<Run.RunAttempt> history = new ArrayList<>(r.history());
        history.add(new Run.RunAttempt(r.attempts() + 1, "node-1", now, now, status, error, null));
        Run done = new Run(r.id(), r.script(), r.trigger(), r.source(), r.bindingId(), status, r.attempts() + 1,
                r.maxAttempts(), r.createdAt(), now, now, null, r.payload(), result, error, List.of("printed"),
                history, r.replayOf(), r.replayedAs(), r.submittedBy());
        runs.put(id, done);
        return done;
    }

    @Override
    public synchronized Optional<Run> find(long id) {
        check();
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public synchronized List<Run> list(RunQuery q) {
        check();
        return runs.descendingMap().values().stream()
                .filter(r -> q.script() == null || q.script().equals(r.script()))
                .filter(r -> q.scripts() == null || q.scripts().contains(r.script()))
                .filter(r -> q.status() == null || q.status().equals(r.status()))
                .filter(r -> q.replayed() == null || q.replayed() == (r.replayedAs() != null))
                .filter(r -> q.before() <= 0 || r.id() < q.before())
                .limit(q.limit()).toList();
    }

    @Override
    public synchronized Optional<Run> replay(long deadId, Map<String, Object> payload, String submittedBy) {
        check();
        Run dead = runs.get(deadId);
        if (dead == null || !Run.DEAD.equals(dead.status())) {
            return Optional.empty();
        }
        Run run = queued(dead.script(), dead.trigger(), dead.source(), dead.bindingId(),
                payload == null ? dead.payload() : payload, submittedBy, deadId);
        runs.put(deadId, new Run(dead.id(), dead.script(), dead.trigger(), dead.source(), dead.bindingId(),
                dead.status(), dead.attempts(), dead.maxAttempts(), dead.createdAt(), dead.startedAt(),
                dead.finishedAt(), dead.nextAttemptAt(), dead.payload(), dead.result(), dead.error(), dead.output(),
                dead.history(), dead.replayOf(), run.id(), dead.submittedBy()));
        return Optional.of(run);
    }

    @Override
    public synchronized boolean delete(long deadId) {
        check();
        Run dead = runs.get(deadId);
        if (dead == null || !Run.DEAD.equals(dead.status())) {
            return false;
        }
        runs.remove(deadId);
        return true;
    }

    @Override
    public synchronized RunQueueStats stats() {
        check();
        long waiting = runs.values().stream().filter(r -> !r.finished() && !Run.RUNNING.equals(r.status())).count();
        long dead = runs.values().stream().filter(r -> Run.DEAD.equals(r.status()) && r.replayedAs() == null)
                .count();
        return new RunQueueStats(waiting, 0, dead, Duration.ZERO);
    }

    private Run queued(String script, String trigger, String source, String bindingId, Map<String, Object> payload,
                       String by, Long replayOf) {
        Instant now = Instant.now();
        Run run = new Run(next++, script, trigger, source, bindingId, Run.QUEUED, 0,
                RetryPolicy.DEFAULT.maxAttempts(), now, null, null, now, payload, null, null, List.of(), List.of(),
                replayOf, null, by);
        runs.put(run.id(), run);
        return run;
    }

    private void check() {
        if (away) {
            throw new StoreUnavailableException("the database is away (test)", null);
        }
    }

    @Override
    public List<LeasedRun> take(String node, int max, Duration lease) {
        throw new UnsupportedOperationException("workers are not tested here");
    }

    @Override
    public Set<Long> renew(String node, Collection<Long> ids, Duration lease) {
        throw new UnsupportedOperationException("workers are not tested here");
    }

    @Override
    public boolean complete(String node, LeasedRun run, AttemptOutcome outcome) {
        throw new UnsupportedOperationException("workers are not tested here");
    }

    @Override
    public Optional<Instant> nextDue() {
        return runs.values().stream().filter(r -> !r.finished()).map(Run::nextAttemptAt)
                .min(Comparator.naturalOrder());
    }

    @Override
    public AutoCloseable onWork(Consumer<Instant> wake) {
        return () -> { };
    }

    @Override
    public Map<String, Long> prune(Instant succeededBefore, Instant deadBefore) {
        return Map.of("succeeded", 0L, "dead", 0L);
    }
}
