package io.picloud.executor.impl;

import io.picloud.api.ExecutionOutcome;
import io.picloud.api.HostException;
import io.picloud.api.HostPackage;
import io.picloud.api.ScriptSettings;
import io.picloud.api.ScriptVersion;
import org.junit.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** What the executor guarantees around every host function: errors, limits, deadline, secrets, settings. */
public class HostCallGuardTest {
    private static final HostPackage TEST_API = new HostPackage() {
        @Override public String name() { return "test"; }

        @Override public void register(Registry registry) {
            registry.function("t::refuse", 1, (call, args) -> {
                throw new HostException("Refused", "no " + args.get(0));
            });
            registry.function("t::npe", 0, (call, args) -> {
                throw new NullPointerException();
            });
            registry.function("t::echo", 1, (call, args) -> args.get(0));
            registry.function("t::secret", 0, (call, args) -> {
                call.redact("hunter2");
                return "hunter2";
            });
            registry.function("t::remaining", 0, (call, args) -> call.remainingMillis());
            registry.function("t::count", 0, (call, args) ->
                    call.state(AtomicInteger.class, AtomicInteger::new).incrementAndGet());
            registry.function("t::depth", 0, (call, args) -> (long) call.depth());
        }
    };

    private static RhaiScriptExecutor executor(Map<String, Object> config) {
        RhaiScriptExecutor executor = new RhaiScriptExecutor();
        executor.addHostPackage(TEST_API);
        executor.activate(Configs.of(config));
        return executor;
    }

    private static ExecutionOutcome run(RhaiScriptExecutor e, String source) {
        return e.execute(RhaiScriptExecutorTest.version("s", 1, source), null, "request", Map.of());
    }

    @Test
    public void aHostErrorIsCaughtAsAMapWithErrorAndMessage() {
        ExecutionOutcome o = run(executor(Map.of()),
                "let r = (); try { t::refuse(\"way\") } catch (e) { r = `${e.error}|${e.message}|${e.function}` } r");
        assertEquals("Refused|no way|t::refuse", o.value());
    }

    @Test
    public void anUncaughtHostErrorNamesTheFunctionAndPositionButNoJavaClass() {
        ExecutionOutcome refused = run(executor(Map.of()), "let x = 1;\nt::refuse(\"way\")");
        assertEquals("ErrorRuntime", refused.problem().kind());
        assertTrue(refused.problem().message(), refused.problem().message().contains("t::refuse: no way"));
        assertEquals(2, refused.problem().line());

        ExecutionOutcome npe = run(executor(Map.of()), "t::npe()");
        assertEquals("ErrorRuntime", npe.problem().kind());
        assertFalse(npe.problem().message(), npe.problem().message().contains("java"));
        assertFalse(npe.problem().message(), npe.problem().message().contains("Exception"));
    }

    @Test
    public void hostCallsPerRunAreLimitedAndCannotBeCaught() {
        ExecutionOutcome o = run(executor(Map.of("maxHostCalls", 3)),
                "let n = 0; try { for i in 0..10 { t::echo(i); n += 1; } } catch { n = -1 } n");
        assertEquals("ErrorTooManyOperations", o.problem().kind());
        assertTrue(o.limitHit());
        assertTrue(o.problem().message(), o.problem().message().contains("host call limit"));
    }

    @Test
    public void bytesToAndFromHostFunctionsAreLimited() {
        ExecutionOutcome o = run(executor(Map.of("maxHostBytes", 1000L)),
                "let s = \"x\"; for i in 0..10 { s += s } t::echo(s)");
        assertEquals("ErrorDataTooLarge", o.problem().kind());
        assertTrue(o.problem().message(), o.problem().message().contains("maxHostBytes"));
        assertEquals(1024L, ((String) run(executor(Map.of("maxHostBytes", 5000L)),
                "let s = \"x\"; for i in 0..10 { s += s } t::echo(s)").value()).length());
    }

    @Test
    public void aHostFunctionKnowsTheTimeLeftBeforeTheDeadline() {
        Object left = run(executor(Map.of("timeoutMs", 2_000L)), "t::remaining()").value();
        assertTrue(String.valueOf(left), (Long) left > 0 && (Long) left <= 2_000);
        assertEquals(Long.MAX_VALUE, run(executor(Map.of("timeoutMs", 0L)), "t::remaining()").value());
    }

    @Test
    public void aSecretIsMaskedInOutputAndErrorsButTheScriptSeesIt() {
        RhaiScriptExecutor e = executor(Map.of());
        ExecutionOutcome o = run(e, "let s = t::secret(); print(`token ${s}`); debug(s); s.len()");
        assertEquals(7L, o.value());
        assertEquals(List.of("token ***", "\"***\""), o.output());
        ExecutionOutcome failed = run(e, "let s = t::secret(); throw `bad ${s}`");
        assertFalse(failed.problem().message(), failed.problem().message().contains("hunter2"));
        ExecutionOutcome refused = run(e, "let s = t::secret(); t::refuse(s)");
        assertFalse(refused.problem().message(), refused.problem().message().contains("hunter2"));
    }

    @Test
    public void perRunStateStartsAfreshForEachRun() {
        RhaiScriptExecutor e = executor(Map.of());
        assertEquals(3L, run(e, "t::count(); t::count(); t::count()").value());
        assertEquals(1L, run(e, "t::count()").value());
    }

    @Test
    public void theScriptReadsItsConfigAndHostFunctionsItsSettings() {
        ScriptVersion v = RhaiScriptExecutorTest.version("cfg", 1, "`${config.greeting}, ${config.n + 1}`")
                .withSettings(new ScriptSettings(null, null, Map.of("greeting", "hello", "n", 41L)));
        assertEquals("hello, 42", executor(Map.of()).execute(v, null, "request", Map.of()).value());
    }

    @Test
    public void configIsAConstantButACopyOfItMayChange() {
        RhaiScriptExecutor e = executor(Map.of());
        ScriptSettings settings = new ScriptSettings(null, null, Map.of("n", 1L));
        for (String source : new String[] {"config = #{}", "config.n = 2", "config.n += 1"}) {
            ScriptVersion v = RhaiScriptExecutorTest.version("c", 1, source).withSettings(settings);
            assertEquals(source, "ErrorAssignmentToConstant", e.execute(v, null, "request", Map.of()).problem().kind());
        }
        ScriptVersion mutating = RhaiScriptExecutorTest.version("m", 1, "config.remove(\"n\")").withSettings(settings);
        assertEquals("ErrorNonPureMethodCallOnConstant",
                e.execute(mutating, null, "request", Map.of()).problem().kind());
        ScriptVersion copy = RhaiScriptExecutorTest.version("k", 1, "let c = config; c.n = 5; c.n + config.n")
                .withSettings(settings);
        assertEquals(6L, e.execute(copy, null, "request", Map.of()).value());
    }

    @Test
    public void aRunStartedFromAHostFunctionIsOneDeeper() {
        RhaiScriptExecutor e = executor(Map.of());
        AtomicLong inner = new AtomicLong(-1);
        HostPackage nested = new HostPackage() {
            @Override public String name() { return "nested"; }

            @Override public void register(Registry registry) {
                registry.function("nest", 0, (call, args) -> {
                    inner.set((Long) e.execute(RhaiScriptExecutorTest.version("in", 1, "t::depth()"), null,
                            "event", Map.of()).value());
                    return call.depth();
                });
            }
        };
        e.addHostPackage(nested);
        assertEquals(0, ((Number) run(e, "nest()").value()).intValue());
        assertEquals(1L, inner.get());
        assertEquals(5L, e.execute(RhaiScriptExecutorTest.version("d", 1, "t::depth()"), null, "event", Map.of(),
                5).value());
    }
}
