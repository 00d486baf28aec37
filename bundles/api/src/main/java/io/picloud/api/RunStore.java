package io.picloud.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The durable run queue, in PostgreSQL. Runs are taken with {@code FOR UPDATE SKIP LOCKED} under a lease that the
 * taking node renews; a node that dies loses its leases and another node takes its runs again. Every write that
 * makes work due sends a notification on {@link #CHANNEL}, so idle workers sleep instead of polling. Methods
 * throw {@link StoreUnavailableException} while the database cannot be reached.
 */
@org.osgi.annotation.versioning.ProviderType
public interface RunStore {
    /** The {@code NOTIFY} channel: its payload is the earliest due time (epoch milliseconds) the write created. */
    String CHANNEL = "picloud_runs";

    /**
     * Queues a run; it is committed when this returns. Empty when the script does not exist. With an idempotency
     * key already used for the script within 24 h, nothing is queued and the earlier run is returned.
     */
    Optional<Submitted> submit(RunRequest request);

    /**
     * Takes up to {@code max} due runs for {@code node}, each leased for {@code lease}, its attempt count raised.
     * Runs whose lease expired are due again, their lost attempt recorded with a {@link RetryPolicy#NODE_LOST_KIND}
     * error; one that expired on its last attempt, or whose policy does not retry node loss, becomes a dead letter
     * instead.
     */
    List<LeasedRun> take(String node, int max, Duration lease);

    /** Extends the leases {@code node} holds on {@code ids}; returns the ids it no longer holds. */
    Set<Long> renew(String node, Collection<Long> ids, Duration lease);

    /**
     * Records the end of an attempt. Exactly once: false, with nothing written, when {@code node} no longer holds
     * this attempt's lease (it expired and the run was taken again).
     */
    boolean complete(String node, LeasedRun run, AttemptOutcome outcome);

    /** When the next waiting run is due or the next lease expires; empty when there is neither. */
    Optional<Instant> nextDue();

    /**
     * Calls {@code wake} on every notification on {@link #CHANNEL} (with its due time, or null when unknown) and
     * after the listening connection was lost and restored. Close the handle to stop.
     */
    AutoCloseable onWork(java.util.function.Consumer<Instant> wake);

    Optional<Run> find(long id);

    List<Run> list(RunQuery query);

    /**
     * Queues a new run for dead letter {@code deadId}, with {@code payload} or, when null, the dead letter's own;
     * the dead letter keeps its place, marked {@link Run#replayedAs()}. Empty when there is no such dead letter.
     */
    Optional<Run> replay(long deadId, Map<String, Object> payload, String submittedBy);

    /** Removes a dead letter; false when there is no such dead letter. */
    boolean delete(long deadId);

    RunQueueStats stats();

    /**
     * Removes succeeded runs finished before {@code succeededBefore}, and dead letters finished before
     * {@code deadBefore}; returns how many of each (keys {@code succeeded}, {@code dead}).
     */
    Map<String, Long> prune(Instant succeededBefore, Instant deadBefore);

    /**
     * What {@link #submit} answered.
     *
     * @param existing true when the idempotency key named an earlier run (nothing new was queued)
     */
    record Submitted(Run run, boolean existing) {
    }
}
