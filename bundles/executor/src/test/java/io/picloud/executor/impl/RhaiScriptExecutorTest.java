package io.picloud.executor.impl;

import io.picloud.api.ExecutionOutcome;
import io.picloud.api.HostPackage;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptVersion;
import io.picloud.rhai.RhaiParseException;
import org.junit.After;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** The executor with the real Rhai engine. */
public class RhaiScriptExecutorTest {
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @After
    public void stopThreads() {
        threads.shutdownNow();
    }

    static ScriptVersion version(String name, int v, String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return new ScriptVersion(name, v, HexFormat.of().formatHex(digest), source, Instant.EPOCH);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RhaiScriptExecutor executor(Map<String, Object> config, HostPackage... packages) {
        RhaiScriptExecutor executor = new RhaiScriptExecutor();
        for (HostPackage p : packages) {
            executor.addHostPackage(p);
        }
        executor.activate(Configs.of(config));
        return executor;
    }

    private static ExecutionOutcome run(RhaiScriptExecutor e, String source, Map<String, Object> request) {
        return e.execute(version("s", 1, source), "handle", "request", request);
    }

    @Test
    public void topLevelSeesTheInputVariable() {
        ExecutionOutcome o = run(executor(Map.of()), "\"Hello, \" + request.name", Map.of("name", "Pi"));
        assertNull(o.problem());
        assertEquals("Hello, Pi", o.value());
        assertTrue(o.operations() > 0);
    }

    @Test
    public void handleIsCalledWhenDefined() {
        ExecutionOutcome o = run(executor(Map.of()), "fn handle(req) { req.n * 2 }\n\"top level\"",
                Map.of("n", 21L));
        assertNull(o.problem());
        assertEquals(42L, o.value());
    }

    @Test
    public void printedLinesComeBack() {
        ExecutionOutcome o = run(executor(Map.of()), "print(\"one\"); print(\"two\"); 1", Map.of());
        assertEquals(List.of("one", "two"), o.output());
    }

    @Test
    public void runtimeErrorHasKindAndPosition() {
        ExecutionOutcome o = run(executor(Map.of()), "let a = 1;\nlet b = a / 0;\nb", Map.of());
        ScriptProblem p = o.problem();
        assertEquals("ErrorArithmetic", p.kind());
        assertEquals(2, p.line());
        assertTrue(p.column() > 0);
        assertFalse(o.limitHit());
    }

    @Test
    public void operationLimitIsNamedInTheMessage() {
        ExecutionOutcome o = run(executor(Map.of("maxOperations", 1_000L)), "let x = 0;\nloop { x += 1; }", Map.of());
        assertEquals("ErrorTooManyOperations", o.problem().kind());
        assertTrue(o.limitHit());
        assertTrue(o.problem().message(), o.problem().message().startsWith("operations limit (max 1000) exceeded"));
    }

    @Test
    public void callDepthLimit() {
        ExecutionOutcome o = run(executor(Map.of("maxCallDepth", 8)), "fn f(n) { f(n + 1) }\nf(0)", Map.of());
        assertEquals("ErrorStackOverflow", o.problem().kind());
        assertTrue(o.limitHit());
        assertTrue(o.problem().message(), o.problem().message().contains("call depth limit (max 8)"));
    }

    @Test(timeout = 60_000)
    public void timeoutEndsARunawayScript() {
        ExecutionOutcome o = run(executor(Map.of("maxOperations", 0L, "timeoutMs", 200L)), "loop { }", Map.of());
        assertEquals("ErrorTerminated", o.problem().kind());
        assertTrue(o.limitHit());
        assertTrue(o.problem().message(), o.problem().message().contains("timeout limit (200 ms)"));
    }

    @Test
    public void checkReportsCompileErrorsWithTheirPosition() {
        RhaiScriptExecutor e = executor(Map.of());
        assertEquals(List.of(), e.check("ok", "let x = 1; x + 1"));
        List<ScriptProblem> problems = e.check("bad", "let y = 2;\nlet x = ;");
        assertFalse(problems.isEmpty());
        assertEquals("ErrorParsing", problems.get(0).kind());
        assertEquals(2, problems.get(0).line());
        assertTrue(problems.get(0).column() > 0);

        List<ScriptProblem> two = e.check("bad", "let x = ;\nlet y = 2;\nlet z = ;");
        assertEquals(two.toString(), 2, two.size());
        assertEquals(1, two.get(0).line());
        assertEquals(3, two.get(1).line());
    }

    @Test
    public void everyErrorOfAParseExceptionBecomesAProblem() {
        List<ScriptProblem> problems = SandboxExecutor.parseProblems(new RhaiParseException("bad", List.of(
                new RhaiParseException.Error("MissingToken", "Expecting ';'", 1, 9),
                new RhaiParseException.Error("BadInput", "Unexpected '='", 3, 5))));
        assertEquals(List.of(new ScriptProblem("ErrorParsing", "Expecting ';'", 1, 9),
                new ScriptProblem("ErrorParsing", "Unexpected '='", 3, 5)), problems);
    }

    @Test
    public void executingASourceThatDoesNotCompileIsAParseProblem() {
        ExecutionOutcome o = run(executor(Map.of()), "let = 1;", Map.of());
        assertEquals("ErrorParsing", o.problem().kind());
        assertEquals(1, o.problem().line());
        assertFalse(o.limitHit());
    }

    @Test
    public void hostPackagesOfferFunctionsAndTheirErrorsBecomeScriptErrors() {
        HostPackage greeter = new HostPackage() {
            @Override public String name() { return "greeter"; }
            @Override public void register(Registry registry) {
                registry.function("greet", 1, (call, args) -> "hi " + args.get(0) + " from " + call.script()
                        + " v" + call.version());
                registry.function("answer", 0, (call, args) -> 42L);
                registry.function("fail", 0, (call, args) -> { throw new java.io.IOException("disk gone"); });
            }
        };
        RhaiScriptExecutor e = executor(Map.of(), greeter);
        assertEquals("hi you from s v1", run(e, "greet(\"you\")", Map.of()).value());
        assertEquals(43L, run(e, "answer() + 1", Map.of()).value());
        ExecutionOutcome failed = run(e, "fail()", Map.of());
        assertEquals("ErrorRuntime", failed.problem().kind());
        assertTrue(failed.problem().message(), failed.problem().message().contains("disk gone"));

        e.removeHostPackage(greeter); // the engine is rebuilt without it
        assertEquals("ErrorFunctionNotFound", run(e, "greet(\"you\")", Map.of()).problem().kind());
    }

    @Test
    public void compilesOncePerVersionEvenUnderConcurrency() throws Exception {
        RhaiScriptExecutor e = executor(Map.of("maxConcurrentRunsPerScript", 0));
        SandboxExecutor sandbox = e.sandbox();
        ScriptVersion v = version("c", 1, "let x = 40; x + 2");
        List<Future<ExecutionOutcome>> results = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            results.add(threads.submit(() -> e.execute(v, "handle", "request", Map.of())));
        }
        for (Future<ExecutionOutcome> f : results) {
            assertEquals(42L, f.get(30, TimeUnit.SECONDS).value());
        }
        assertEquals(1, sandbox.cache().compilations());
        e.execute(version("c", 2, "43"), "handle", "request", Map.of());
        assertEquals(2, sandbox.cache().compilations());
    }

    @Test
    public void theCompileCacheCountsHitsMissesAndCompileTime() {
        RhaiScriptExecutor e = executor(Map.of());
        ScriptVersion v = version("m", 1, "1 + 1");
        e.execute(v, "handle", "request", Map.of());
        e.execute(v, "handle", "request", Map.of());
        e.execute(v, "handle", "request", Map.of());
        Map<String, Double> values = new java.util.HashMap<>();
        e.collect(new io.picloud.api.metrics.MetricWriter() {
            @Override
            public void counter(String name, String help, Map<String, String> labels, double value) {
                values.put(name + labels.values(), value);
            }

            @Override
            public void gauge(String name, String help, Map<String, String> labels, double value) {
                values.put(name, value);
            }

            @Override
            public void histogram(String name, String help, Map<String, String> labels, double[] upperBounds,
                                  long[] counts, double sum, long count) {
                values.put(name + "_count", (double) count);
            }
        });
        assertEquals(2.0, values.get("picloud_compile_cache_lookups[hit]"), 0);
        assertEquals(1.0, values.get("picloud_compile_cache_lookups[miss]"), 0);
        assertEquals(1.0, values.get("picloud_compile_duration_seconds_count"), 0);
        assertEquals(1.0, values.get("picloud_compile_cache_entries"), 0);
    }

    @Test
    public void leastRecentlyUsedScriptsAreEvicted() {
        RhaiScriptExecutor e = executor(Map.of("compileCacheSize", 2));
        CompileCache cache = e.sandbox().cache();
        ScriptVersion a = version("a", 1, "1");
        ScriptVersion b = version("b", 1, "2");
        ScriptVersion c = version("c", 1, "3");
        e.execute(a, null, "request", Map.of());
        e.execute(b, null, "request", Map.of());
        e.execute(a, null, "request", Map.of());
        e.execute(c, null, "request", Map.of()); // evicts b, the least recently used
        assertEquals(3, cache.compilations());
        assertEquals(2, cache.size());
        e.execute(a, null, "request", Map.of());
        assertEquals(3, cache.compilations());
        e.execute(b, null, "request", Map.of());
        assertEquals(4, cache.compilations());
    }

    @Test(timeout = 60_000)
    public void concurrentRunsPerScriptAreBounded() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        HostPackage blocking = new HostPackage() {
            @Override public String name() { return "blocking"; }
            @Override public void register(Registry registry) {
                registry.function("block", 1, (call, args) -> {
                    entered.countDown();
                    release.await();
                    return "done";
                });
            }
        };
        RhaiScriptExecutor e = executor(Map.of("maxConcurrentRunsPerScript", 2, "timeoutMs", 0L), blocking);
        ScriptVersion slow = version("slow", 1, "block(1)");
        Future<ExecutionOutcome> first = threads.submit(() -> e.execute(slow, null, "request", Map.of()));
        Future<ExecutionOutcome> second = threads.submit(() -> e.execute(slow, null, "request", Map.of()));
        entered.await();

        ExecutionOutcome refused = e.execute(slow, null, "request", Map.of());
        assertEquals("ErrorConcurrencyLimit", refused.problem().kind());
        assertTrue(refused.limitHit());
        assertEquals(1L, e.execute(version("other", 1, "1"), null, "request", Map.of()).value());

        release.countDown();
        assertEquals(String.valueOf(first.get().problem()), "done", first.get().value());
        assertEquals("done", second.get().value());
        assertEquals(3L, e.execute(version("slow", 2, "3"), null, "request", Map.of()).value());
    }

    @Test
    public void aScriptRunsInlineOnceCompiledAndWithinTheBudget() {
        RhaiScriptExecutor e = executor(Map.of());
        ScriptVersion hello = version("hello", 1, "print(\"hi\"); `Hello, ${request.name}`");
        assertNull("not compiled yet: compiling may take long", e.executeInline(hello, "handle", "request", Map.of()));
        assertEquals("Hello, Pi", e.execute(hello, "handle", "request", Map.of("name", "Pi")).value());

        ExecutionOutcome inline = e.executeInline(hello, "handle", "request", Map.of("name", "Ada"));
        assertNull(inline.problem());
        assertEquals("Hello, Ada", inline.value());
        assertEquals(List.of("hi"), inline.output());
        ExecutionOutcome failing = inlineAfterWarmUp(e, version("boom", 1, "let x = 1 / 0; x"));
        assertEquals("ErrorArithmetic", failing.problem().kind()); // a script error is an answer like any other
    }

    @Test
    public void aHostFunctionCallLeavesTheInlineRunWithoutRunningAndTheScriptStaysOffIt() {
        List<Object> calls = new ArrayList<>();
        HostPackage effects = new HostPackage() {
            @Override public String name() { return "effects"; }
            @Override public void register(Registry registry) {
                registry.function("effect", 1, (call, args) -> {
                    calls.add(args.get(0));
                    return "done";
                });
            }
        };
        RhaiScriptExecutor e = executor(Map.of(), effects);
        // try/catch must not keep the run inline past the host call
        ScriptVersion v = version("fx", 1, "try { effect(1) } catch (err) { \"caught\" }");
        assertEquals("done", e.execute(v, null, "request", Map.of()).value());
        assertEquals(List.of(1L), calls);

        assertNull(e.executeInline(v, null, "request", Map.of()));
        assertEquals("the host function never ran inline", List.of(1L), calls);
        assertNull(e.executeInline(v, null, "request", Map.of()));
        assertEquals("done", e.execute(v, null, "request", Map.of()).value());
        assertEquals(List.of(1L, 1L), calls);
    }

    @Test
    public void aRunPastTheInlineBudgetIsGivenUpAndRunsOnlyOffItFromThenOn() {
        RhaiScriptExecutor e = executor(Map.of("inlineOperationBudget", 1_000L));
        ScriptVersion loop = version("loop", 1, "let n = 0; while n < request.n { n += 1 } n");
        assertEquals(50L, e.execute(loop, null, "request", Map.of("n", 50L)).value());
        assertEquals(50L, e.executeInline(loop, null, "request", Map.of("n", 50L)).value());

        assertNull(e.executeInline(loop, null, "request", Map.of("n", 5_000L)));
        assertEquals(5_000L, e.execute(loop, null, "request", Map.of("n", 5_000L)).value());
        assertNull("never inline again", e.executeInline(loop, null, "request", Map.of("n", 50L)));
    }

    @Test
    public void theRealOperationLimitIsReportedInlineWhenItIsTheSmaller() {
        RhaiScriptExecutor e = executor(Map.of("maxOperations", 100L, "inlineOperationBudget", 1_000L));
        ExecutionOutcome o = inlineAfterWarmUp(e, version("spin", 1, "loop { }"));
        assertEquals("ErrorTooManyOperations", o.problem().kind());
        assertTrue(o.limitHit());
    }

    @Test
    public void aScriptWhoseInlineRunsAreSlowRunsOnlyOnWorkersAfterAFew() {
        RhaiScriptExecutor e = executor(Map.of("inlineMaxMicros", 0L)); // every run is "slow"
        ScriptVersion v = version("sort", 1, "let a = [3, 1, 2]; a.sort(); a");
        e.execute(v, null, "request", Map.of());
        for (int i = 0; i < 3; i++) {
            assertEquals("slow runs still answer", List.of(1L, 2L, 3L), e.executeInline(v, null, "request", Map.of()).value());
        }
        assertNull(e.executeInline(v, null, "request", Map.of()));
        assertEquals(List.of(1L, 2L, 3L), e.execute(v, null, "request", Map.of()).value());
    }

    @Test
    public void aFewSlowRunsAmongManyFastOnesDoNotSendAScriptToWorkers() {
        CompileCache.Compiled usuallyFast = new CompileCache.Compiled(null, null);
        for (int i = 0; i < 1_000; i++) {
            usuallyFast.inlineRunFinished(false);
        }
        for (int i = 0; i < 3; i++) {
            usuallyFast.inlineRunFinished(true); // a garbage collection pause caught it
        }
        assertTrue(usuallyFast.inline());

        CompileCache.Compiled alwaysSlow = new CompileCache.Compiled(null, null);
        alwaysSlow.inlineRunFinished(true);
        alwaysSlow.inlineRunFinished(true);
        assertTrue(alwaysSlow.inline());
        alwaysSlow.inlineRunFinished(true);
        assertFalse(alwaysSlow.inline());
    }

    @Test
    public void aZeroBudgetNeverRunsInline() {
        RhaiScriptExecutor e = executor(Map.of("inlineOperationBudget", 0L));
        assertNull(inlineAfterWarmUp(e, version("one", 1, "1")));
    }

    private static ExecutionOutcome inlineAfterWarmUp(RhaiScriptExecutor e, ScriptVersion v) {
        e.execute(v, "handle", "request", Map.of());
        return e.executeInline(v, "handle", "request", Map.of());
    }
}
