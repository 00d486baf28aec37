package io.picloud.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A queued run as stored: what was asked, where it stands, and every attempt.
 *
 * @param id            the run's id (a positive number)
 * @param status        {@link #QUEUED}, {@link #RUNNING}, {@link #FAILED} (an attempt failed, the next one is due
 *                      at {@code nextAttemptAt}), {@link #SUCCEEDED} or {@link #DEAD} (a dead letter)
 * @param attempts      attempts started so far
 * @param maxAttempts   attempts allowed in all (the script's retry policy when the run was queued)
 * @param result        the script's value on success (JSON-mappable), else null
 * @param error         the last attempt's error, null when none failed
 * @param output        the last attempt's print/debug lines
 * @param history       every finished attempt, oldest first
 * @param replayOf      the dead letter this run replays, null when none
 * @param replayedAs    for a dead letter that was replayed: the new run's id, else null
 */
public record Run(long id, String script, String trigger, String source, String bindingId, String status,
                  int attempts, int maxAttempts, Instant createdAt, Instant startedAt, Instant finishedAt,
                  Instant nextAttemptAt, Map<String, Object> payload, Object result, RunError error,
                  List<String> output, List<RunAttempt> history, Long replayOf, Long replayedAs,
                  String submittedBy) {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String FAILED = "failed";
    public static final String SUCCEEDED = "succeeded";
    public static final String DEAD = "dead";

    /** True for {@link #SUCCEEDED} and {@link #DEAD}: nothing will run it again (a dead letter may be replayed). */
    public boolean finished() {
        return SUCCEEDED.equals(status) || DEAD.equals(status);
    }

    /** An attempt's error, with the Rhai error kind (or {@code NodeLost}, {@code Unavailable} ...) and position. */
    public record RunError(String kind, String message, int line, int column) {
    }

    /**
     * One finished attempt.
     *
     * @param invocation the invocation log's reference of this attempt ({@code X-PiCloud-Invocation}), null when it
     *                   did not run (node lost)
     */
    public record RunAttempt(int attempt, String node, Instant startedAt, Instant finishedAt, String outcome,
                             RunError error, String invocation) {
    }
}
