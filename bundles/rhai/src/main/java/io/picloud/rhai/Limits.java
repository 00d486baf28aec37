package io.picloud.rhai;

import java.time.Duration;

/**
 * Sandbox limits for one run. Zero means "unlimited" for every count, as in Rhai's {@code Engine::set_max_*}.
 *
 * @param maxOperations        operations (roughly one per evaluated node) before {@code ErrorTooManyOperations}
 * @param maxCallDepth         nested function calls before {@code ErrorStackOverflow}
 * @param maxExprDepth         expression nesting at global level, checked at compile time ({@code ExprTooDeep})
 * @param maxFunctionExprDepth expression nesting inside functions, checked at compile time
 * @param maxStringSize        characters in one string before {@code ErrorDataTooLarge}
 * @param maxArraySize         elements in one array before {@code ErrorDataTooLarge}
 * @param maxMapSize           entries in one object map before {@code ErrorDataTooLarge}
 * @param maxVariables         variables alive in one scope chain before {@code ErrorTooManyVariables}
 * @param maxFunctions         script functions defined in one script
 * @param maxModules           modules imported during one run before {@code ErrorTooManyModules}
 * @param timeout              wall-clock deadline of the run ({@code ErrorTerminated}); {@link Duration#ZERO} = none
 */
public record Limits(
        long maxOperations,
        int maxCallDepth,
        int maxExprDepth,
        int maxFunctionExprDepth,
        int maxStringSize,
        int maxArraySize,
        int maxMapSize,
        int maxVariables,
        int maxFunctions,
        int maxModules,
        Duration timeout) {

    /** Rhai's own defaults for {@code Engine::new()}: only call and expression depth are bounded. */
    public static final Limits RHAI_DEFAULTS = new Limits(0, 64, 64, 32, 0, 0, 0, 0, 0, 0, Duration.ZERO);

    /** Safe defaults for untrusted scripts: every limit on. */
    public static final Limits SANDBOX = new Limits(1_000_000, 64, 64, 32,
            1 << 20, 100_000, 100_000, 10_000, 1_000, 32, Duration.ofSeconds(5));

    public Limits withMaxOperations(long v) { return new Limits(v, maxCallDepth, maxExprDepth, maxFunctionExprDepth, maxStringSize, maxArraySize, maxMapSize, maxVariables, maxFunctions, maxModules, timeout); }
    public Limits withTimeout(Duration v) { return new Limits(maxOperations, maxCallDepth, maxExprDepth, maxFunctionExprDepth, maxStringSize, maxArraySize, maxMapSize, maxVariables, maxFunctions, maxModules, v); }
}
