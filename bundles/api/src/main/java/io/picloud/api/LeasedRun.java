package io.picloud.api;

import java.time.Instant;
import java.util.Map;

/**
 * A run a worker took: it holds the lease until it completes the attempt or the lease expires (then another node
 * takes it again).
 *
 * @param attempt the attempt this lease is for (1 = first); completing an attempt is refused for any other
 * @param policy  the script's retry policy now
 */
public record LeasedRun(long id, String script, String trigger, String source, String bindingId,
                        Map<String, Object> payload, int attempt, int maxAttempts, RetryPolicy policy,
                        Instant createdAt, Instant eventTime) {
}
