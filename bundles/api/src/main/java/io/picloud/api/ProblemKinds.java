package io.picloud.api;

/** Error kinds of {@link ScriptProblem} that PiCloud adds to Rhai's own ({@code ErrorArithmetic} ...). */
public final class ProblemKinds {
    /** The script already has its maximum of concurrent runs; retry later (HTTP 503 with Retry-After). */
    public static final String CONCURRENCY_LIMIT = "ErrorConcurrencyLimit";
    /** The script did not compile. */
    public static final String PARSING = "ErrorParsing";
    /** The run failed for a reason inside PiCloud rather than the script. */
    public static final String INTERNAL = "ErrorInternal";
    /** Wall-clock limit (HTTP 504). */
    public static final String TERMINATED = "ErrorTerminated";

    /** An imported module is not a deployed script (found at deploy time; Rhai's own kind at run time). */
    public static final String MODULE_NOT_FOUND = "ErrorModuleNotFound";
    /** Scripts import each other in a circle (found at deploy time). */
    public static final String MODULE_CYCLE = "ErrorModuleCycle";

    private ProblemKinds() {
    }
}
