package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.Limits;
import io.picloud.rhai.impl.runtime.DataSizes;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Unit;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The memory budget of one run and the caps on its output. Three checks, all ending the run with
 * {@code ErrorDataTooLarge}:
 * <ul>
 *   <li>a value that grows (each check of {@link Context#checkValue}) is compared with the budget, less the
 *       output so far: its estimate comes from the containers' cached sizes ({@link DataSizes}), so this costs a
 *       comparison;</li>
 *   <li>the values the script holds (every slot of every running frame, host variables, constants) are counted
 *       whenever the thread has allocated another eighth of the budget since the last count, and their sum plus
 *       the output is compared with the budget; this catches many variables that are each within limits. The
 *       counter is read with the operation count and after each value larger than 1/256 of the budget;</li>
 *   <li>the allocation guard, a second net for what the estimate cannot see (temporaries inside natives): the
 *       bytes the thread allocated since the first sample, read from the JVM every {@code CHECK_EVERY}
 *       operations, may not pass {@code allocationLimitFactor} times the budget. The first sample comes after
 *       1024 operations or with the first large value, so a short run never reads the counter.</li>
 * </ul>
 * Without the JVM's per-thread allocation counter the held values are counted every 64 samples instead and the
 * allocation guard is off. Output is capped in lines and bytes; the cut is marked by a last line.
 */
final class MemoryGuard {
    /** Values under this estimate are not looked up for sharing when held values are counted. */
    private static final long DEDUPE_FROM = 256;
    /** Samples between two counts of held values when the allocation counter is missing. */
    private static final int COUNT_EVERY_SAMPLES = 64;

    private final Context ctx;
    /** A memory budget is set. */
    final boolean on;
    /** An output cap is set. */
    final boolean capsOutput;
    private final long budget;
    private final int factor;
    private final long allocationLimit;
    private final int maxLines;
    private final long maxBytes;
    /** The thread's allocated bytes at the first sample (-1: not sampled yet, or no counter). */
    private long allocationStart = -1;
    private final long countEvery;
    private final long sampleFrom;
    private long lastCount;
    private int samples;
    int outputLines;
    long outputBytes;

    /** The guard of runs with no budget and no output cap: it is never asked anything, so one serves all. */
    private static final MemoryGuard OFF = new MemoryGuard(null, Limits.RHAI_DEFAULTS);

    static MemoryGuard of(Context ctx, Limits limits) {
        if (limits.maxMemoryBytes() <= 0 && limits.maxOutputLines() <= 0 && limits.maxOutputBytes() <= 0) {
            return OFF;
        }
        return new MemoryGuard(ctx, limits);
    }

    private MemoryGuard(Context ctx, Limits limits) {
        this.ctx = ctx;
        this.budget = Math.max(0, limits.maxMemoryBytes());
        this.on = budget > 0;
        this.factor = Math.max(0, limits.allocationLimitFactor());
        this.maxLines = Math.max(0, limits.maxOutputLines());
        this.maxBytes = Math.max(0, limits.maxOutputBytes());
        this.capsOutput = maxLines > 0 || maxBytes > 0;
        this.countEvery = Math.max(1, budget / 8);
        this.sampleFrom = Math.max(1, budget / 256);
        long limit = factor > 0 && ThreadAllocation.available() ? budget * factor : 0;
        this.allocationLimit = limit < 0 ? Long.MAX_VALUE : limit;
    }

    /** A value grew: it alone (with the output) must fit the budget; a large one makes the held values counted. */
    void checkValue(Object v) {
        long m = DataSizes.memory(v);
        if (m + outputBytes > budget) {
            throw new EvalError(ErrorKind.DATA_TOO_LARGE, "Memory budget exceeded: a value of about " + m
                    + " bytes" + (outputBytes > 0 ? " and " + outputBytes + " bytes of output" : "")
                    + " (maxMemoryBytes = " + budget + ")");
        }
        if (m >= sampleFrom) {
            // making a value this large allocated at least as much: time to look at the counter
            sample(true);
        }
    }

    /** Called with the operation count; {@code large}: a large value was just made. */
    void sample(boolean large) {
        long now = ThreadAllocation.currentThreadBytes();
        if (now < 0) {
            if (large || ++samples >= COUNT_EVERY_SAMPLES) {
                samples = 0;
                countHeld();
            }
            return;
        }
        if (allocationStart < 0) {
            // counted from the first sample, not from the start: a short run never reads the counter
            allocationStart = now;
            lastCount = now;
        }
        long allocated = now - allocationStart;
        if (allocationLimit > 0 && allocated > allocationLimit) {
            throw new EvalError(ErrorKind.DATA_TOO_LARGE, "Allocation limit exceeded: the run allocated " + allocated
                    + " bytes (allocationLimitFactor " + factor + " x maxMemoryBytes " + budget + ")");
        }
        if (now - lastCount >= countEvery) {
            lastCount = now;
            countHeld();
        }
    }

    /** Counts the values the script holds, each shared one once, and compares them with the budget. */
    void countHeld() {
        Map<Object, Object> seen = new IdentityHashMap<>();
        long held = 0;
        for (Frame f = ctx.top; f != null; f = f.parent) {
            for (Object o : f.slots) {
                held += held(o, seen);
            }
            held += held(f.thisValue, seen);
        }
        for (Object o : ctx.dynVars.values()) {
            held += held(o, seen);
        }
        for (Object o : ctx.globalConstants.values()) {
            held += held(o, seen);
        }
        for (Object[] shadow : ctx.evalShadows) {
            held += held(shadow[2], seen);
        }
        held += held(ctx.lastThis, seen);
        if (held + outputBytes > budget) {
            throw new EvalError(ErrorKind.DATA_TOO_LARGE, "Memory budget exceeded: the script holds about " + held
                    + " bytes" + (outputBytes > 0 ? " and " + outputBytes + " bytes of output" : "")
                    + " (maxMemoryBytes = " + budget + ")");
        }
    }

    private static long held(Object o, Map<Object, Object> seen) {
        if (o == null || o instanceof Boolean || o == Unit.UNIT || o instanceof Long || o instanceof Double) {
            return 8;
        }
        long m = DataSizes.memory(o);
        if (m >= DEDUPE_FROM && seen.put(o, o) != null) {
            return 8;
        }
        return m;
    }

    /** A line of output: within the caps it is counted; past them the output ends with a marker, and the run. */
    void print(String line) {
        long bytes = line.length() + 1L;
        if (maxLines > 0 && outputLines >= maxLines) {
            cut("more than " + maxLines + " lines (maxOutputLines)");
        }
        if (maxBytes > 0 && outputBytes + bytes > maxBytes) {
            cut("more than " + maxBytes + " bytes (maxOutputBytes)");
        }
        outputLines++;
        outputBytes += bytes;
        if (on && outputBytes > budget) {
            throw new EvalError(ErrorKind.DATA_TOO_LARGE, "Memory budget exceeded: " + outputBytes
                    + " bytes of output (maxMemoryBytes = " + budget + ")");
        }
    }

    private void cut(String what) {
        ctx.output.add("[output cut: " + what + "]");
        throw new EvalError(ErrorKind.DATA_TOO_LARGE, "Output too large: " + what);
    }
}
