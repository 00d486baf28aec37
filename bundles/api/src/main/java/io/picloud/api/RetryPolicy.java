package io.picloud.api;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a script's queued runs (async runs and trigger firings) are tried again after a failed attempt: at most
 * {@code maxAttempts} attempts in all, the n-th retry after a random delay in {@code [0, min(maxBackoffMillis,
 * initialBackoffMillis * 2^(n-1))]} (exponential back-off with full jitter), and only for errors that
 * {@code retryOn} names.
 *
 * @param retryOn error categories ({@link #RUNTIME}, {@link #TIMEOUT}, {@link #NODE_LOST}, {@link #UNAVAILABLE},
 *                {@link #LIMIT}, {@link #COMPILE}) or exact error kinds ({@code ErrorArithmetic})
 */
public record RetryPolicy(int maxAttempts, long initialBackoffMillis, long maxBackoffMillis, List<String> retryOn) {
    /** Script errors raised while running: every kind not in another category. */
    public static final String RUNTIME = "runtime";
    /** The run's deadline passed ({@code ErrorTerminated}). */
    public static final String TIMEOUT = "timeout";
    /** The node running the attempt stopped answering: its lease expired ({@code NodeLost}). */
    public static final String NODE_LOST = "nodeLost";
    /** The platform could not run it then ({@code Unavailable}: database away, workers busy). */
    public static final String UNAVAILABLE = "unavailable";
    /** A sandbox limit other than the deadline ({@code ErrorDataTooLarge}, {@code ErrorTooManyOperations} ...). */
    public static final String LIMIT = "limit";
    /** The script cannot run as stored: parse errors, a missing script or function. */
    public static final String COMPILE = "compile";
    public static final Set<String> CATEGORIES = Set.of(RUNTIME, TIMEOUT, NODE_LOST, UNAVAILABLE, LIMIT, COMPILE);

    /** Kind recorded for an attempt whose node was lost. */
    public static final String NODE_LOST_KIND = "NodeLost";

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, 1_000, 300_000,
            List.of(RUNTIME, TIMEOUT, NODE_LOST, UNAVAILABLE));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts is at least 1");
        }
        if (initialBackoffMillis < 0 || maxBackoffMillis < initialBackoffMillis) {
            throw new IllegalArgumentException("0 <= initialBackoffMillis <= maxBackoffMillis");
        }
        retryOn = List.copyOf(retryOn);
    }

    /** The upper bound of the delay before retry {@code n} (1 = the first retry). */
    public long backoffCapMillis(int n) {
        int shift = Math.min(Math.max(n - 1, 0), 40);
        long grown = initialBackoffMillis << shift;
        return grown < 0 || grown > maxBackoffMillis ? maxBackoffMillis : Math.max(grown, 0);
    }

    /** Whether {@code retryOn} names this error kind or its category ({@link #categoryOf}). */
    public boolean retries(String errorKind) {
        return retryOn.contains(errorKind) || retryOn.contains(categoryOf(errorKind));
    }

    /** The category of an error kind (see the constants). */
    public static String categoryOf(String errorKind) {
        if (errorKind == null) {
            return RUNTIME;
        }
        return switch (errorKind) {
            case "ErrorTerminated" -> TIMEOUT;
            case NODE_LOST_KIND -> NODE_LOST;
            case "Unavailable" -> UNAVAILABLE;
            case "ErrorDataTooLarge", "ErrorTooManyOperations", "ErrorStackOverflow", "ErrorTooManyModules",
                 "ErrorTooManyVariables" -> LIMIT;
            case "ScriptNotFound", "ErrorFunctionNotFound", "ErrorParsing", "ErrorModuleNotFound" -> COMPILE;
            default -> errorKind.toLowerCase(Locale.ROOT).startsWith("errorparse") ? COMPILE : RUNTIME;
        };
    }
}
