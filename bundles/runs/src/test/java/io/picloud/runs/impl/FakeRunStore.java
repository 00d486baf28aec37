package io.picloud.runs.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.picloud.api.AttemptOutcome;
import io.picloud.api.LeasedRun;
import io.picloud.api.Run;
import io.picloud.api.RunQuery;
import io.picloud.api.RunQueueStats;
import io.picloud.api.RunRequest;
import io.picloud.api.RunStore;

/** An in-memory queue: due runs are handed out once; what the workers do is recorded. */
class FakeRunStore implements RunStore {
    final List<LeasedRun> due = new ArrayList<>();           // guarded by this
    final BlockingQueue<Object[]> completed = new LinkedBlockingQueue<>();
    final List<Integer> takeSizes = new CopyOnWriteArrayList<>();
    final AtomicInteger renewals = new AtomicInteger();
    final BlockingQueue<Map<String, Long>> pruned = new LinkedBlockingQueue<>();
    volatile boolean completeAnswer = true;
    volatile Consumer<Instant> wake;
    volatile Set<Long> renewLost = Set.of();

    /** Adds a due run and tells the workers, as a submit's NOTIFY would. */
    void add(LeasedRun run) {
        synchronized (this) {
            due.add(run);
        }
        Consumer<Instant> w = wake;
        if (w != null) {
            w.accept(Instant.now());
        }
    }

    @Override
    public synchronized List<LeasedRun> take(String node, int max, Duration lease) {
        takeSizes.add(max);
        List<LeasedRun> out = new ArrayList<>();
        while (!due.isEmpty() && out.size() < max) {
            out.add(due.remove(0));
        }
        return out;
    }

    @Override
    public Set<Long> renew(String node, Collection<Long> ids, Duration lease) {
        renewals.incrementAndGet();
        Set<Long> lost = new HashSet<>(ids);
        lost.retainAll(renewLost);
        return lost;
    }

    @Override
    public boolean complete(String node, LeasedRun run, AttemptOutcome outcome) {
        completed.add(new Object[] {node, run, outcome});
        return completeAnswer;
    }

    @Override
    public Optional<Instant> nextDue() {
        return Optional.empty();
    }

    @Override
    public AutoCloseable onWork(Consumer<Instant> wake) {
        this.wake = wake;
        return () -> this.wake = null;
    }

    @Override
    public Map<String, Long> prune(Instant succeededBefore, Instant deadBefore) {
        Map<String, Long> counts = Map.of(Run.SUCCEEDED, 3L, Run.DEAD, 1L);
        pruned.add(counts);
        return counts;
    }

    @Override
    public RunQueueStats stats() {
        return new RunQueueStats(5, 2, 1, Duration.ofMillis(1_500));
    }

    @Override
    public Optional<Submitted> submit(RunRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Run> find(long id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Run> list(RunQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Run> replay(long deadId, Map<String, Object> payload, String submittedBy) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean delete(long deadId) {
        throw new UnsupportedOperationException();
    }
}
