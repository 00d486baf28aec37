package io.picloud.executor.impl;

import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ProblemKinds;
import io.picloud.api.ScriptExecutor;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptVersion;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.RhaiRuntimeException;
import io.picloud.rhai.RunOptions;
import io.picloud.rhai.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The executor's logic without OSGi: one engine, its compile cache, the limits of every run and the
 * per-script concurrency gate. Immutable apart from the cache and the gate; thread-safe.
 */
final class SandboxExecutor implements ScriptExecutor {
    private static final Logger logger = LoggerFactory.getLogger(SandboxExecutor.class);

    /** What every run sees as a constant: its settings' {@code config}. */
    private static final java.util.Set<String> CONSTANTS = java.util.Set.of("config");

    /** The run on this thread, so that a run started from a host function ({@code invoke}) knows its depth. */
    private static final ThreadLocal<HostRun> CURRENT = new ThreadLocal<>();

    private final RhaiEngine engine;
    private final Limits limits;
    private final HostRun.HostLimits hostLimits;
    private final Limits inlineLimits;
    private final long inlineMaxMicros;
    private final CompileCache cache;
    private final ConcurrencyGate gate;

    /**
     * An inline run still going after this many times {@code inlineMaxMicros} is stopped and run again on a
     * worker, so that no run holds an I/O thread long, whatever its operations cost.
     */
    static final int INLINE_DEADLINE_FACTOR = 10;

    /**
     * {@code inlineBudget}: operations an inline run may use before it is given up (0: never run inline);
     * {@code inlineMaxMicros}: an inline run taking longer counts as slow (see {@link CompileCache.Compiled}).
     */
    SandboxExecutor(RhaiEngine engine, Limits limits, HostRun.HostLimits hostLimits, long inlineBudget,
                    long inlineMaxMicros, int cacheSize, ConcurrencyGate gate) {
        this(engine, limits, hostLimits, inlineBudget, inlineMaxMicros, cacheSize, gate, null, Set.of());
    }

    /**
     * {@code metrics}: where the compile cache counts (null: nowhere); {@code hostFunctions}: the names of the
     * host functions registered with {@code engine}: a script whose source calls one never runs inline.
     */
    SandboxExecutor(RhaiEngine engine, Limits limits, HostRun.HostLimits hostLimits, long inlineBudget,
                    long inlineMaxMicros, int cacheSize, ConcurrencyGate gate, CompileMetrics metrics,
                    Set<String> hostFunctions) {
        this.inlineMaxMicros = inlineMaxMicros;
        this.hostLimits = hostLimits;
        this.engine = engine;
        this.limits = limits;
        this.inlineLimits = inlineBudget <= 0 ? null : inlineLimits(limits, inlineBudget, inlineMaxMicros);
        this.cache = new CompileCache(engine, cacheSize, metrics, hostFunctions);
        this.gate = gate;
    }

    /** The limits of an inline run: the operation budget and a deadline of a few slow runs, if below the real. */
    private static Limits inlineLimits(Limits limits, long budget, long maxMicros) {
        Limits l = limits.withMaxOperations(limits.maxOperations() > 0 ? Math.min(budget, limits.maxOperations())
                : budget);
        if (maxMicros <= 0) {
            return l;
        }
        Duration deadline = Duration.ofNanos(Math.multiplyExact(maxMicros, 1_000L * INLINE_DEADLINE_FACTOR));
        Duration real = limits.timeout();
        return real == null || real.isZero() || deadline.compareTo(real) < 0 ? l.withTimeout(deadline) : l;
    }

    CompileCache cache() {
        return cache;
    }

    @Override
    public List<ScriptProblem> check(String name, String source) {
        try {
            engine.compile(name, source);
            return List.of();
        } catch (RhaiParseException e) {
            return parseProblems(e);
        }
    }

    @Override
    public ExecutionOutcome execute(ScriptVersion version, String entryFunction, String inputName,
                                    Map<String, Object> input) {
        return execute(version, entryFunction, inputName, input, 0);
    }

    @Override
    public ExecutionOutcome execute(ScriptVersion version, String entryFunction, String inputName,
                                    Map<String, Object> input, int depth) {
        String name = version.name();
        if (!gate.tryAcquire(name)) {
            return failed(new ScriptProblem(ProblemKinds.CONCURRENCY_LIMIT, "concurrency limit of "
                    + gate.maxPerScript() + " runs of script '" + name + "' reached; retry later", 0, 0), true, 0);
        }
        long start = System.nanoTime();
        HostRun caller = CURRENT.get();
        int runDepth = caller == null ? depth : Math.max(depth, caller.depth() + 1);
        try {
            CompileCache.Compiled compiled = cache.get(name, version.hash(), version.source());
            Limits runLimits = caller == null ? limits : withinCallersDeadline(caller);
            HostRun run = hostRun(version, runDepth, runLimits, false);
            CURRENT.set(run);
            return run(compiled, entryFunction, inputName, input, runLimits, run, start);
        } finally {
            if (caller == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(caller);
            }
            gate.release(name);
        }
    }

    /** A run started by a host function (invoke) ends no later than the run that called it. */
    private Limits withinCallersDeadline(HostRun caller) {
        long left = caller.remainingMillis();
        long own = limits.timeout().toMillis();
        if (left == Long.MAX_VALUE || (own > 0 && own <= left)) {
            return limits;
        }
        return limits.withTimeout(java.time.Duration.ofMillis(Math.max(1, left)));
    }

    private HostRun hostRun(ScriptVersion version, int depth, Limits runLimits, boolean inline) {
        return new HostRun(version.name(), version.version(), version.settings(), depth, hostLimits,
                runLimits.timeout().toMillis(), inline);
    }

    @Override
    public boolean mayRunInline(ScriptVersion version) {
        if (inlineLimits == null) {
            return false;
        }
        CompileCache.Compiled compiled = cache.cached(version.name(), version.hash(), version.source());
        return compiled != null && compiled.inline();
    }

    @Override
    public ExecutionOutcome executeInline(ScriptVersion version, String entryFunction, String inputName,
                                          Map<String, Object> input) {
        if (inlineLimits == null) {
            return null;
        }
        CompileCache.Compiled compiled = cache.peek(version.name(), version.hash(), version.source());
        if (compiled == null || !compiled.inline()) {
            return null; // not compiled here, or its source calls sleep or a host function, or it did inline
        }
        // not counted by the concurrency gate: at most one inline run per I/O thread, each a few microseconds,
        // and none of them holds a worker thread, which is what the gate protects
        long start = System.nanoTime();
        HostRun call = hostRun(version, 0, inlineLimits, true);
        ExecutionOutcome outcome = run(compiled, entryFunction, inputName, input, inlineLimits, call, start);
        if (call.left() || outgrewInline(outcome)) {
            compiled.neverInline();
            return null;
        }
        if (outlivedInline(outcome)) {
            compiled.inlineRunFinished(true); // slow this once, maybe paused: given up, and counted as slow
            return null;
        }
        compiled.inlineRunFinished(outcome.durationMicros() >= inlineMaxMicros);
        return outcome;
    }

    /** Past the inline budget, but not past the real limit: the run may well finish on a worker. */
    private boolean outgrewInline(ExecutionOutcome outcome) {
        return outcome.limitHit() && "ErrorTooManyOperations".equals(outcome.problem().kind())
                && inlineLimits.maxOperations() != limits.maxOperations();
    }

    /** Past the inline deadline, but not past the real one: the run may well finish on a worker. */
    private boolean outlivedInline(ExecutionOutcome outcome) {
        return outcome.limitHit() && "ErrorTerminated".equals(outcome.problem().kind())
                && !inlineLimits.timeout().equals(limits.timeout());
    }

    /** One run of a compiled script under {@code runLimits}; host functions see {@code call}. */
    private ExecutionOutcome run(CompileCache.Compiled compiled, String entryFunction, String inputName,
                                 Map<String, Object> input, Limits runLimits, HostRun call, long start) {
        try {
            if (compiled.error() != null) {
                List<ScriptProblem> problems = parseProblems(compiled.error());
                return failed(problems.get(0), false, start);
            }
            Map<String, Object> variables = new HashMap<>(4);
            if (inputName != null) {
                variables.put(inputName, input);
            }
            variables.put("config", call.settings().config());
            RunOptions options = new RunOptions(variables, runLimits, null, call, CONSTANTS, call);
            RunResult result;
            if (entryFunction != null && compiled.script().hasFunction(entryFunction, 1)) {
                result = engine.call(compiled.script(), entryFunction, Collections.singletonList(input), options);
            } else {
                result = engine.run(compiled.script(), options);
            }
            return new ExecutionOutcome(result.value(), null, false, redacted(call, result.output()),
                    result.operations(), micros(start));
        } catch (RhaiRuntimeException e) {
            String message = e.isLimit() ? LimitMessages.describe(e.kind(), e.getMessage(), runLimits)
                    : e.getMessage();
            return new ExecutionOutcome(null, new ScriptProblem(e.kind(), call.redactText(message), e.line(),
                    e.column()), e.isLimit(), redacted(call, e.output()), 0, micros(start));
        } catch (StackOverflowError e) {
            return failed(new ScriptProblem("ErrorStackOverflow",
                    LimitMessages.describe("ErrorStackOverflow", "Java stack exhausted", runLimits), 0, 0), true, start);
        } catch (RuntimeException e) {
            logger.error("Script '{}' v{} failed inside the engine", call.script(), call.version(), e);
            return failed(new ScriptProblem(ProblemKinds.INTERNAL, "internal error while running the script", 0, 0),
                    false, start);
        }
    }

    /** The output with the run's secret values masked. */
    private static List<String> redacted(HostRun call, List<String> output) {
        if (!call.hasSecrets()) {
            return output;
        }
        List<String> out = new ArrayList<>(output.size());
        for (String line : output) {
            out.add(call.redactText(line));
        }
        return out;
    }

    static List<ScriptProblem> parseProblems(RhaiParseException e) {
        List<ScriptProblem> problems = new ArrayList<>(Math.max(1, e.errors().size()));
        for (RhaiParseException.Error error : e.errors()) {
            problems.add(new ScriptProblem(ProblemKinds.PARSING, error.message(), error.line(), error.column()));
        }
        if (problems.isEmpty()) {
            problems.add(new ScriptProblem(ProblemKinds.PARSING, e.getMessage(), e.line(), e.column()));
        }
        return problems;
    }

    private static ExecutionOutcome failed(ScriptProblem problem, boolean limitHit, long start) {
        return new ExecutionOutcome(null, problem, limitHit, List.of(), 0, start == 0 ? 0 : micros(start));
    }

    private static long micros(long start) {
        return (System.nanoTime() - start) / 1_000;
    }
}
