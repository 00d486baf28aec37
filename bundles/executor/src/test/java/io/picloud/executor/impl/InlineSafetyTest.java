package io.picloud.executor.impl;

import io.picloud.api.ExecutionOutcome;
import io.picloud.api.HostPackage;
import io.picloud.api.ModuleSource;
import io.picloud.api.ScriptVersion;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.picloud.executor.impl.RhaiScriptExecutorTest.version;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * What may run on an I/O thread: {@code mayRunInline} before a run, a script whose source calls {@code sleep} or a
 * host function never inline, and {@code sleep} reached anyway (a computed function pointer, an imported module)
 * handing the run over before it waits, as a host function call does.
 */
public class InlineSafetyTest {
    private static RhaiScriptExecutor executor(Map<String, Object> config, HostPackage... packages) {
        RhaiScriptExecutor executor = new RhaiScriptExecutor();
        for (HostPackage p : packages) {
            executor.addHostPackage(p);
        }
        executor.activate(Configs.of(config));
        return executor;
    }

    @Test
    public void aPlainScriptMayRunInlineOnlyOnceCompiled() {
        RhaiScriptExecutor e = executor(Map.of());
        ScriptVersion hello = version("hello", 1, "\"hello\"");
        assertFalse("not compiled yet", e.mayRunInline(hello));
        assertFalse("asking compiles nothing", e.mayRunInline(hello));
        assertEquals(0, e.sandbox().cache().compilations());
        assertEquals("hello", e.execute(hello, "handle", "request", Map.of()).value());
        assertTrue(e.mayRunInline(hello));
        assertEquals("hello", e.executeInline(hello, "handle", "request", Map.of()).value());
        assertTrue("still, after an inline run", e.mayRunInline(hello));
        assertFalse("another version is not compiled", e.mayRunInline(version("hello", 2, "\"hi\"")));
        assertFalse("never, with a zero budget", mayRunAfterCompiling(executor(Map.of("inlineOperationBudget", 0L)),
                hello));
    }

    @Test
    public void aScriptWhoseSourceCallsSleepNeverRunsInline() {
        RhaiScriptExecutor e = executor(Map.of());
        for (String source : new String[] {
            "sleep(request.s); \"slept\"",
            "let s = request.s; s.sleep(); \"slept\"",
            "fn handle(req) { nap(req.s) } fn nap(s) { sleep(s); \"slept\" }",
            "let f = |s| sleep(s); f.call(request.s); \"slept\"",
            "let f = Fn(\"sleep\"); f.call(request.s); \"slept\"",
            "if request.s > 0 { sleep(request.s) } \"slept\""}) {
            ScriptVersion v = version("sleepy", 1, source);
            assertEquals(source, "slept", e.execute(v, "handle", "request", Map.of("s", 0L)).value());
            assertFalse(source, e.mayRunInline(v));
            assertNull(source, e.executeInline(v, "handle", "request", Map.of("s", 0L)));
        }
    }

    @Test
    public void aScriptWhoseSourceCallsAHostFunctionNeverRunsInline() {
        List<Object> calls = new ArrayList<>();
        HostPackage kv = new HostPackage() {
            @Override public String name() { return "kv"; }
            @Override public void register(Registry registry) {
                registry.function("kv::get", 1, (call, args) -> {
                    calls.add(args.get(0));
                    return 1L;
                });
            }
        };
        RhaiScriptExecutor e = executor(Map.of(), kv);
        ScriptVersion v = version("reads", 1, "if request.read { kv::get(\"k\") } else { 0 }");
        assertEquals(0L, e.execute(v, null, "request", Map.of("read", false)).value());
        assertFalse("known from the source, before any run called it", e.mayRunInline(v));
        assertNull(e.executeInline(v, null, "request", Map.of("read", false)));
        assertEquals(List.of(), calls);
    }

    @Test
    public void sleepThroughAComputedFunctionPointerHandsTheRunOverBeforeItWaits() {
        RhaiScriptExecutor e = executor(Map.of());
        // try/catch must not keep the run inline: the hand-over is no error a script sees
        ScriptVersion v = version("sneaky", 1,
                "let f = Fn(request.name); try { f.call(request.s) } catch (err) { \"caught\" } \"done\"");
        assertEquals("done", e.execute(v, null, "request", Map.of("name", "abs", "s", 1L)).value());
        assertTrue("the analysis cannot see it", e.mayRunInline(v));
        assertEquals("done", e.executeInline(v, null, "request", Map.of("name", "abs", "s", 1L)).value());

        // 60 s: had it waited, the run would end at the inline deadline instead, and not be given up for good
        assertNull(e.executeInline(v, null, "request", Map.of("name", "sleep", "s", 60L)));
        assertFalse("never inline again", e.mayRunInline(v));
        assertNull(e.executeInline(v, null, "request", Map.of("name", "abs", "s", 1L)));
        assertEquals("on a worker it may sleep", "done",
                e.execute(v, null, "request", Map.of("name", "sleep", "s", 0L)).value());
    }

    @Test
    public void sleepInAnImportedModuleHandsTheRunOver() {
        RhaiScriptExecutor e = executor(Map.of());
        ScriptVersion lib = version("lib", 1, "fn nap(s) { sleep(s); \"slept\" }");
        e.setModules(new ModuleSource() {
            @Override
            public Optional<ScriptVersion> module(String name) {
                return "lib".equals(name) ? Optional.of(lib) : Optional.empty();
            }
        });
        ScriptVersion v = version("importer", 1, "import \"lib\" as lib; lib::nap(request.s)");
        assertEquals("slept", e.execute(v, null, "request", Map.of("s", 0L)).value());
        assertTrue(e.mayRunInline(v));
        assertNull(e.executeInline(v, null, "request", Map.of("s", 60L)));
        assertFalse(e.mayRunInline(v));
    }

    @Test
    public void aLongRunWithinTheBudgetEndsAtTheInlineDeadlineAndRunsAgainOnAWorker() {
        // 1 µs: the inline deadline is 10 µs, far below what 20,000 loop turns take; the budget allows them
        RhaiScriptExecutor e = executor(Map.of("inlineMaxMicros", 1L, "inlineOperationBudget", 500_000L));
        ScriptVersion loop = version("loop", 1, "let n = 0; while n < request.n { n += 1 } n");
        assertEquals(20_000L, e.execute(loop, null, "request", Map.of("n", 20_000L)).value());
        assertNull(e.executeInline(loop, null, "request", Map.of("n", 20_000L)));
        assertTrue("one late run counts as slow, it does not send the script to workers", e.mayRunInline(loop));
        assertNotNull(e.executeInline(loop, null, "request", Map.of("n", 1L)));

        RhaiScriptExecutor unbounded = executor(Map.of("inlineMaxMicros", 0L, "inlineOperationBudget", 500_000L));
        unbounded.execute(loop, null, "request", Map.of("n", 1L));
        assertEquals("no deadline without a slow-run threshold", 20_000L,
                unbounded.executeInline(loop, null, "request", Map.of("n", 20_000L)).value());
    }

    @Test
    public void aRunPastTheOperationBudgetIsGivenUpAndRunsOnAWorker() {
        RhaiScriptExecutor e = executor(Map.of("inlineOperationBudget", 1_000L));
        ScriptVersion spin = version("spin", 1, "let n = 0; while n < request.n { n += 1 } n");
        assertEquals(1L, e.execute(spin, null, "request", Map.of("n", 1L)).value());
        assertNull(e.executeInline(spin, null, "request", Map.of("n", 10_000L)));
        assertFalse(e.mayRunInline(spin));
        ExecutionOutcome onWorker = e.execute(spin, null, "request", Map.of("n", 10_000L));
        assertEquals(String.valueOf(onWorker.problem()), 10_000L, onWorker.value());
    }

    private static boolean mayRunAfterCompiling(RhaiScriptExecutor e, ScriptVersion v) {
        e.execute(v, "handle", "request", Map.of());
        return e.mayRunInline(v);
    }
}
