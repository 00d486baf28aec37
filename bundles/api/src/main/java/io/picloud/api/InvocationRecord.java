package io.picloud.api;

import java.time.Instant;
import java.util.List;

/**
 * One run of a script, as kept in the invocation log.
 *
 * @param trigger    what fired it ({@code http}, {@code cron}, {@code mqtt}, {@code shell} ...)
 * @param status     {@code ok}, {@code error} or {@code limit}
 * @param errorKind  Rhai error kind when status is not ok, else null
 * @param output     print/debug lines of the run
 * @param source     who fired it when that is another script ({@code invoke}: the caller's name), else null
 */
public record InvocationRecord(String script, int version, String trigger, Instant start, long durationMicros,
                               String status, String errorKind, String errorMessage, List<String> output,
                               long operations, String source) {
    /** A record with no source. */
    public InvocationRecord(String script, int version, String trigger, Instant start, long durationMicros,
                            String status, String errorKind, String errorMessage, List<String> output,
                            long operations) {
        this(script, version, trigger, start, durationMicros, status, errorKind, errorMessage, output, operations,
                null);
    }
}
