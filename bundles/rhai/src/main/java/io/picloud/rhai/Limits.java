package io.picloud.rhai;

import java.time.Duration;

/**
 * Sandbox limits for one run. Zero means "unlimited" for every count, as in Rhai's {@code Engine::set_max_*}.
 *
 * <p>Data sizes are counted as Rhai counts them: an array's elements include those of every array, map and BLOB
 * inside it, a map's properties those of every map inside it, and the string size of a container is the sum of
 * the UTF-8 lengths of every string inside it. The memory budget and the output caps are PiCloud's own; hitting
 * any of them ends the run with {@code ErrorDataTooLarge} and a message that names the limit.
 *
 * @param maxOperations         operations (roughly one per evaluated node) before {@code ErrorTooManyOperations}
 * @param maxCallDepth          nested function calls before {@code ErrorStackOverflow}
 * @param maxExprDepth          expression nesting at global level, checked at compile time ({@code ExprTooDeep})
 * @param maxFunctionExprDepth  expression nesting inside functions, checked at compile time
 * @param maxStringSize         UTF-8 bytes in one string, or in all strings inside one array or map,
 *                              before {@code ErrorDataTooLarge}
 * @param maxArraySize          elements in one array, counted recursively, before {@code ErrorDataTooLarge}
 * @param maxMapSize            entries in one object map, counted recursively, before {@code ErrorDataTooLarge}
 * @param maxVariables          variables alive in one scope chain before {@code ErrorTooManyVariables}
 * @param maxFunctions          script functions defined in one script
 * @param maxModules            modules imported during one run before {@code ErrorTooManyModules}
 * @param timeout               wall-clock deadline of the run ({@code ErrorTerminated}); {@link Duration#ZERO} = none
 * @param maxMemoryBytes        memory budget of the run in bytes (an estimate of the script's values and its
 *                              print/debug output) before {@code ErrorDataTooLarge}
 * @param allocationLimitFactor the run ends with {@code ErrorDataTooLarge} once its thread has allocated more
 *                              than this many times {@code maxMemoryBytes} (sampled with the operation count;
 *                              0, or no memory budget, or a JVM that cannot tell: no check)
 * @param maxOutputLines        lines written by {@code print}/{@code debug} before {@code ErrorDataTooLarge}
 * @param maxOutputBytes        characters (plus one per line) written by {@code print}/{@code debug} before
 *                              {@code ErrorDataTooLarge}
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
        Duration timeout,
        long maxMemoryBytes,
        int allocationLimitFactor,
        int maxOutputLines,
        long maxOutputBytes) {

    /** Rhai's own defaults for {@code Engine::new()}: only call and expression depth are bounded. */
    public static final Limits RHAI_DEFAULTS = new Limits(0, 64, 64, 32, 0, 0, 0, 0, 0, 0, Duration.ZERO);

    /** Safe defaults for untrusted scripts: every limit on (64 MiB of memory, 10 000 lines or 1 MiB of output). */
    public static final Limits SANDBOX = new Limits(1_000_000, 64, 64, 32,
            1 << 20, 100_000, 100_000, 10_000, 1_000, 32, Duration.ofSeconds(5),
            64L << 20, 16, 10_000, 1L << 20);

    /** The limits Rhai knows, with no memory budget and no output caps. */
    public Limits(long maxOperations, int maxCallDepth, int maxExprDepth, int maxFunctionExprDepth,
                  int maxStringSize, int maxArraySize, int maxMapSize, int maxVariables, int maxFunctions,
                  int maxModules, Duration timeout) {
        this(maxOperations, maxCallDepth, maxExprDepth, maxFunctionExprDepth, maxStringSize, maxArraySize,
                maxMapSize, maxVariables, maxFunctions, maxModules, timeout, 0, 0, 0, 0);
    }

    public Limits withMaxOperations(long v) {
        return new Limits(v, maxCallDepth, maxExprDepth, maxFunctionExprDepth, maxStringSize, maxArraySize,
                maxMapSize, maxVariables, maxFunctions, maxModules, timeout, maxMemoryBytes, allocationLimitFactor,
                maxOutputLines, maxOutputBytes);
    }

    public Limits withTimeout(Duration v) {
        return new Limits(maxOperations, maxCallDepth, maxExprDepth, maxFunctionExprDepth, maxStringSize,
                maxArraySize, maxMapSize, maxVariables, maxFunctions, maxModules, v, maxMemoryBytes,
                allocationLimitFactor, maxOutputLines, maxOutputBytes);
    }

    /** These limits with another memory budget and allocation factor. */
    public Limits withMemory(long maxMemoryBytes, int allocationLimitFactor) {
        return new Limits(maxOperations, maxCallDepth, maxExprDepth, maxFunctionExprDepth, maxStringSize,
                maxArraySize, maxMapSize, maxVariables, maxFunctions, maxModules, timeout, maxMemoryBytes,
                allocationLimitFactor, maxOutputLines, maxOutputBytes);
    }

    /** These limits with other caps on print/debug output. */
    public Limits withOutput(int maxOutputLines, long maxOutputBytes) {
        return new Limits(maxOperations, maxCallDepth, maxExprDepth, maxFunctionExprDepth, maxStringSize,
                maxArraySize, maxMapSize, maxVariables, maxFunctions, maxModules, timeout, maxMemoryBytes,
                allocationLimitFactor, maxOutputLines, maxOutputBytes);
    }
}
