package io.picloud.fn.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.picloud.api.AttemptOutcome;
import io.picloud.api.LeasedRun;
import io.picloud.api.Run;
import io.picloud.api.RunQuery;
import io.picloud.api.RunQueueStats;
import io.picloud.api.RunRequest;
import io.picloud.api.RunStore;
import io.picloud.api.StoreUnavailableException;

/**
 * The run queue's submit for the endpoint's tests: every script but {@code missing} exists, a known idempotency key
 * answers its run, and {@link #away} makes it unreachable. The rest of the queue is not the endpoint's business.
 */
final class QueueFake implements RunStore {
    final List<RunRequest> submitted = new ArrayList<>();
    private final Map<String, Run> byKey = new HashMap<>();
    volatile boolean away;

    @Override
    public synchronized Optional<Submitted> submit(RunRequest r) {
        if (away) {
            throw new StoreUnavailableException("away (test)", null);
        }
        if (r.script().equals("missing")) {
            return Optional.empty();
        }
        Run known = r.idempotencyKey() == null ? null : byKey.get(r.idempotencyKey());
        if (known != null) {
            return Optional.of(new Submitted(known, true));
        }
        submitted.add(r);
        Run run = new Run(submitted.size(), r.script(), r.trigger(), r.source(), null, Run.QUEUED, 0, 3,
                Instant.now(), null, null, Instant.now(), r.payload(), null, null, List.of(), List.of(), null, null,
                null);
        if (r.idempotencyKey() != null) {
            byKey.put(r.idempotencyKey(), run);
        }
        return Optional.of(new Submitted(run, false));
    }

    @Override
    public List<LeasedRun> take(String node, int max, Duration lease) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<Long> renew(String node, Collection<Long> ids, Duration lease) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean complete(String node, LeasedRun run, AttemptOutcome outcome) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Instant> nextDue() {
        throw new UnsupportedOperationException();
    }

    @Override
    public AutoCloseable onWork(Consumer<Instant> wake) {
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

    @Override
    public RunQueueStats stats() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Long> prune(Instant succeededBefore, Instant deadBefore) {
        throw new UnsupportedOperationException();
    }
}
