package io.picloud.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts and durations of the runs in the invocation log, bucketed by the database (the dashboard's sparklines and
 * charts). Buckets are {@code width} wide from {@code since} on, oldest first, and every one is present (an empty
 * bucket has no calls and null percentiles). A run counts in the bucket its start falls in; runs that started
 * before {@code since} or after the last bucket are left out. Thread-safe; throws {@link StoreUnavailableException}
 * while the database cannot be reached.
 */
@org.osgi.annotation.versioning.ProviderType
public interface InvocationStats {
    /** Per script of {@code scripts} (each one present, in name order): calls and errors per bucket. */
    Map<String, List<InvocationBucket>> counts(Set<String> scripts, Instant since, Duration width, int buckets);

    /** The runs of all {@code scripts} together: calls, errors and the 50th and 99th duration percentiles. */
    List<InvocationBucket> series(Set<String> scripts, Instant since, Duration width, int buckets);

    /** When each script of {@code scripts} was last called, among the runs the log still keeps; absent: never. */
    Map<String, Instant> lastCalls(Set<String> scripts);
}
