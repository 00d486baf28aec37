package io.picloud.api;

import java.time.Instant;

/**
 * The runs that started in one time bucket ({@link InvocationStats}).
 *
 * @param start  the bucket's first instant
 * @param calls  runs started in it
 * @param errors those whose status is not {@code ok} (an error or a limit hit)
 * @param p50Us  the median duration in microseconds; null when there were no runs or it was not asked for
 * @param p99Us  the 99th percentile duration in microseconds; null likewise
 */
public record InvocationBucket(Instant start, long calls, long errors, Long p50Us, Long p99Us) {
}
