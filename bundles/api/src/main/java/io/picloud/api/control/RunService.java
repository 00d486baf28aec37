package io.picloud.api.control;

import java.util.List;
import java.util.Map;

import io.picloud.api.Run;
import io.picloud.api.RunStore;

/**
 * Queued runs as the control plane offers them: async calls of a script, their progress, and the dead letters a
 * person replays or removes. Every call is authorised for the principal: viewers read every run; queueing,
 * replaying and removing are for whoever may change the script (its owner, admins and owners), and an invoke-only
 * key naming the script may queue runs of it. Replays and removals, and every refusal to change, are audited.
 * Refusals are {@link OperationException}s; the database being away is a
 * {@link io.picloud.api.StoreUnavailableException}.
 */
@org.osgi.annotation.versioning.ProviderType
public interface RunService {
    /** The most runs one list answers. */
    int MAX_LIMIT = 500;
    /** The longest idempotency key. */
    int MAX_KEY_LENGTH = 255;

    /**
     * Queues a run of {@code script} with {@code payload} (the map the script sees as {@code event}; null is an
     * empty one). With an {@code idempotencyKey} used for this script within 24 h, nothing is queued and the
     * earlier run is returned ({@link RunStore.Submitted#existing()}). NOT_FOUND for an unknown script, INVALID
     * (field {@code idempotencyKey}) for a key longer than {@link #MAX_KEY_LENGTH} or with control characters.
     */
    RunStore.Submitted submit(Principal p, String script, Map<String, Object> payload, String idempotencyKey);

    /** One run; NOT_FOUND when there is none the principal may read. */
    Run get(Principal p, long id);

    /**
     * Runs newest first: of {@code script} (null: of every script), in {@code status} (null: any of
     * {@code queued, running, failed, succeeded, dead}), with an id below {@code before} (0: from the newest), at
     * most {@code limit} (1..{@link #MAX_LIMIT}). NOT_FOUND for an unknown script, INVALID for a bad status.
     */
    List<Run> list(Principal p, String script, String status, long before, int limit);

    /**
     * Dead letters newest first, as {@link #list}; {@code replayed} null for all, false for those not replayed
     * yet, true for replayed ones.
     */
    List<Run> deadLetters(Principal p, String script, Boolean replayed, long before, int limit);

    /** One dead letter, with its payload and every attempt; NOT_FOUND when {@code id} is no dead letter. */
    Run deadLetter(Principal p, long id);

    /**
     * Queues dead letter {@code id} again as a new run, with {@code payload} or, when null, its own; the dead letter
     * stays, marked {@link Run#replayedAs()}. Returns the new run. NOT_FOUND when {@code id} is no dead letter.
     */
    Run replay(Principal p, long id, Map<String, Object> payload);

    /** Removes dead letter {@code id}; NOT_FOUND when it is no dead letter. */
    void delete(Principal p, long id);
}
