package io.picloud.executor.impl;

import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ScriptProblem;
import io.picloud.rhai.Limits;
import org.junit.After;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** Memory bombs under the executor's default configuration: each ends its own run only, naming the limit. */
public class MemoryLimitsTest {
    private static final String DOUBLED = "let s = \"x\"; for i in 0..19 { s += s; }\n";
    private static final String STRINGS_INTO_ARRAY = DOUBLED
            + "let a = []; for i in 0..100000 { a.push(s + i); }";
    private static final String MAP_KEYS = DOUBLED + "let m = #{};\nfor i in 0..100000 { m[s + i] = i; }";
    private static final String NESTED_MAPS = "let m = #{};\nfor i in 0..1000000 { m = #{ inner: m, pad: i }; }";
    private static final String OUTPUT_FLOOD = "let i = 0;\nloop { print(`line ${i}`); i += 1; }";

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @After
    public void stopThreads() {
        threads.shutdownNow();
    }

    private static RhaiScriptExecutor executor(Map<String, Object> config) {
        RhaiScriptExecutor executor = new RhaiScriptExecutor();
        executor.activate(Configs.of(config));
        return executor;
    }

    private static ExecutionOutcome run(RhaiScriptExecutor e, String name, String source) {
        return e.execute(RhaiScriptExecutorTest.version(name, 1, source), "handle", "request", Map.of());
    }

    private static ScriptProblem tooLarge(ExecutionOutcome o, String limitNamed) {
        ScriptProblem p = o.problem();
        assertEquals(String.valueOf(p), "ErrorDataTooLarge", p.kind());
        assertTrue(o.limitHit());
        assertTrue(p.message(), p.message().contains(limitNamed));
        assertTrue("position " + p.line() + ":" + p.column(), p.line() > 0 && p.column() > 0);
        assertFalse(p.message(), p.message().contains("java.") || p.message().contains("Exception"));
        return p;
    }

    @Test
    public void defaultsAreOn() {
        Limits l = RhaiScriptExecutor.limitsOf(Configs.of(Map.of()));
        assertEquals(64L << 20, l.maxMemoryBytes());
        assertEquals(16, l.allocationLimitFactor());
        assertEquals(10_000, l.maxOutputLines());
        assertEquals(1L << 20, l.maxOutputBytes());
    }

    @Test
    public void theIssuesBomb() {
        ScriptProblem p = tooLarge(run(executor(Map.of()), "bomb", STRINGS_INTO_ARRAY), "maxStringSize limit");
        assertEquals(2, p.line());
    }

    @Test
    public void mapKeysHitTheMemoryBudget() {
        tooLarge(run(executor(Map.of()), "keys", MAP_KEYS), "maxMemoryBytes");
        // a smaller budget ends it sooner, and says so
        ScriptProblem p = tooLarge(run(executor(Map.of("maxMemoryBytes", 4L << 20)), "keys", MAP_KEYS),
                "maxMemoryBytes " + (4L << 20));
        assertEquals(3, p.line());
    }

    @Test
    public void nestedMapsHitTheMapSize() {
        tooLarge(run(executor(Map.of()), "nested", NESTED_MAPS), "maxMapSize limit");
    }

    @Test
    public void outputFloodIsCutWithAMarker() {
        ExecutionOutcome o = run(executor(Map.of("maxOutputLines", 100)), "flood", OUTPUT_FLOOD);
        tooLarge(o, "maxOutputLines 100");
        assertEquals(101, o.output().size());
        assertEquals("line 0", o.output().get(0));
        assertTrue(o.output().get(100), o.output().get(100).startsWith("[output cut"));
    }

    @Test(timeout = 60_000)
    public void fourBombsAtOnceEachEndAlone() throws Exception {
        RhaiScriptExecutor e = executor(Map.of());
        String[] bombs = {STRINGS_INTO_ARRAY, MAP_KEYS, NESTED_MAPS, OUTPUT_FLOOD};
        List<Future<ExecutionOutcome>> runs = new ArrayList<>();
        for (int i = 0; i < bombs.length; i++) {
            String name = "bomb" + i;
            String source = bombs[i];
            runs.add(threads.submit(() -> run(e, name, source)));
        }
        ExecutionOutcome hello = run(e, "hello", "\"hello\"");
        assertNull(hello.problem());
        for (Future<ExecutionOutcome> f : runs) {
            ExecutionOutcome o = f.get(30, TimeUnit.SECONDS);
            assertEquals(String.valueOf(o.problem()), "ErrorDataTooLarge", o.problem().kind());
        }
        assertEquals("hello", run(e, "hello", "\"hello\"").value());
    }

    @Test
    public void normalScriptsRunAsBefore() {
        RhaiScriptExecutor e = executor(Map.of());
        ExecutionOutcome o = run(e, "normal", "let m = #{}; for i in 0..2000 { m[`k${i}`] = [i, `v${i}`]; }\n"
                + "let a = []; for i in 0..20000 { a.push(i); }\nprint(`${m.len()} ${a.len()}`); a.len()");
        assertNull(String.valueOf(o.problem()), o.problem());
        assertEquals(20_000L, o.value());
        assertEquals(List.of("2000 20000"), o.output());
    }
}
