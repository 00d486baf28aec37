package io.picloud.api;

import java.time.Instant;
import java.util.List;

/**
 * One run of a script, as kept in the invocation log.
 *
 * @param trigger    what fired it ({@code http}, {@code cron}, {@code mqtt}, {@code shell}, {@code test} ...)
 * @param status     {@code ok}, {@code error} or {@code limit}
 * @param errorKind  Rhai error kind when status is not ok, else null
 * @param output     print/debug lines of the run
 * @param source     who fired it when that is another script ({@code invoke}: the caller's name), else null
 * @param line       1-based line of the error, 0 when the run succeeded or its error has no position
 * @param column     1-based column of the error, 0 as for {@code line}
 * @param id         the run's {@link InvocationId} as text, once the log has stored it; null before
 * @param ref        the run's {@link InvocationRef}, given before it ran; null for runs recorded without one
 */
public record InvocationRecord(String script, int version, String trigger, Instant start, long durationMicros,
                               String status, String errorKind, String errorMessage, List<String> output,
                               long operations, String source, int line, int column, String id, String ref) {
    /** A record without a ref. */
    public InvocationRecord(String script, int version, String trigger, Instant start, long durationMicros,
                            String status, String errorKind, String errorMessage, List<String> output,
                            long operations, String source, int line, int column, String id) {
        this(script, version, trigger, start, durationMicros, status, errorKind, errorMessage, output, operations,
                source, line, column, id, null);
    }

    /** A record not stored yet, with no error position. */
    public InvocationRecord(String script, int version, String trigger, Instant start, long durationMicros,
                            String status, String errorKind, String errorMessage, List<String> output,
                            long operations, String source) {
        this(script, version, trigger, start, durationMicros, status, errorKind, errorMessage, output, operations,
                source, 0, 0, null);
    }

    /** A record with no source. */
    public InvocationRecord(String script, int version, String trigger, Instant start, long durationMicros,
                            String status, String errorKind, String errorMessage, List<String> output,
                            long operations) {
        this(script, version, trigger, start, durationMicros, status, errorKind, errorMessage, output, operations,
                null);
    }

    /** True when the run failed at a known place in the script. */
    public boolean hasPosition() {
        return line > 0;
    }
}
