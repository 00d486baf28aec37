package io.picloud.api;

import java.time.Instant;
import java.util.List;

/**
 * How an attempt of a {@link LeasedRun} ended and what becomes of the run.
 *
 * @param next          {@link Run#SUCCEEDED}, {@link Run#FAILED} (retry at {@code nextAttemptAt}) or
 *                      {@link Run#DEAD}
 * @param result        the script's value on success (JSON-mappable), else null
 * @param error         the attempt's error, null on success
 * @param invocation    the invocation log's reference of the attempt, null when unknown
 */
public record AttemptOutcome(String next, Object result, Run.RunError error, List<String> output,
                             Instant startedAt, Instant finishedAt, Instant nextAttemptAt, String invocation) {
}
