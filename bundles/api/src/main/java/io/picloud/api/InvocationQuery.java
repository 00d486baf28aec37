package io.picloud.api;

import java.time.Instant;

/**
 * Which runs of the invocation log to list, newest first by {@link InvocationId} (the order the log received
 * them). Every filter is optional (null).
 *
 * @param script  one script's runs, or every script's
 * @param status  {@code ok}, {@code error} or {@code limit}
 * @param trigger what fired them ({@code http}, {@code cron}, {@code test} ...)
 * @param since   runs started at or after this time
 * @param until   runs started before this time
 * @param before  runs older than this one (the next page after a page ending with it)
 * @param after   runs newer than this one (what a client that saw it has missed)
 * @param limit   at most this many runs (positive)
 * @param offset  runs skipped after the filters (0 for none)
 */
public record InvocationQuery(String script, String status, String trigger, Instant since, Instant until,
                              InvocationId before, InvocationId after, int limit, int offset) {
    public InvocationQuery {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be positive and offset not negative");
        }
    }

    /** The newest {@code limit} runs of {@code script} (null: of every script). */
    public static InvocationQuery newest(String script, int limit) {
        return new InvocationQuery(script, null, null, null, null, null, null, limit, 0);
    }
}
