package io.picloud.rhai.impl;

import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiRuntimeException;
import io.picloud.rhai.RunOptions;
import io.picloud.rhai.RunResult;
import org.junit.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.picloud.rhai.impl.TestSupport.engine;
import static io.picloud.rhai.impl.TestSupport.eval;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Memory bombs end with {@code ErrorDataTooLarge} under the default sandbox limits, naming the limit and the
 * position where it struck; scripts within the limits are not affected.
 */
public class MemorySafetyTest {
    private static final RhaiEngine SANDBOX = RhaiEngine.builder().build();
    /** A 512 Ki-character string, built in 19 doublings. */
    private static final String DOUBLED = "let s = \"x\"; for i in 0..19 { s += s; }\n";

    private static RhaiRuntimeException failure(RhaiEngine engine, String src) {
        try {
            Object v = eval(engine, src);
            fail("expected ErrorDataTooLarge, got " + v);
            return null;
        } catch (RhaiRuntimeException e) {
            assertEquals(e.getMessage(), "ErrorDataTooLarge", e.kind());
            assertTrue("a position: " + e.line() + ":" + e.column(), e.line() > 0 && e.column() > 0);
            return e;
        }
    }

    private static void assertMessage(RhaiRuntimeException e, String part) {
        assertTrue("'" + part + "' in: " + e.getMessage(), e.getMessage().contains(part));
    }

    @Test
    public void stringsDoubledIntoAnArray() {
        RhaiRuntimeException e = failure(SANDBOX,
                DOUBLED + "let a = [];\nfor i in 0..100000 { a.push(s + i); }");
        assertMessage(e, "Length of string too large");
        assertEquals(3, e.line());
        assertEquals(24, e.column()); // the method's name, as Rhai positions a method call
    }

    @Test
    public void stringsInsideNestedContainersAreCounted() {
        Limits l = new Limits(0, 64, 64, 32, 100, 0, 0, 0, 0, 0, Duration.ZERO);
        RhaiEngine e = engine(l);
        RhaiRuntimeException x = failure(e,
                "let a = [];\nfor i in 0..20 { a.push(#{ name: [\"0123456789\"] }); }");
        assertMessage(x, "Length of string too large");
        assertEquals(2, x.line());
        assertEquals(9L, eval(e, "let a = []; for i in 0..9 { a.push(#{ name: [\"0123456789\"] }); } a.len()"));
    }

    @Test
    public void nestedSizesHaveNoShortcutByContainerSize() {
        // 300 inner arrays of 300 elements: 90 300 elements, counted although the outer array has > 256
        Limits l = new Limits(0, 64, 64, 32, 0, 50_000, 0, 0, 0, 0, Duration.ZERO);
        RhaiRuntimeException x = failure(engine(l),
                "let row = []; for i in 0..300 { row.push(i); }\n"
                        + "let grid = []; for i in 0..300 { grid.push(row); }");
        assertMessage(x, "Size of array/BLOB too large");
    }

    @Test
    public void nestedChangesThroughIndexesAreSeen() {
        // the rows grow in place (grid[i].push): the grid's cached size must follow
        Limits l = new Limits(0, 64, 64, 32, 0, 1_000, 0, 0, 0, 0, Duration.ZERO);
        RhaiEngine e = engine(l);
        RhaiRuntimeException x = failure(e, "let grid = [[], []];\n"
                + "for i in 0..2000 { grid[i % 2].push(i); grid.push(0); grid.pop(); }");
        assertMessage(x, "Size of array/BLOB too large");
        assertEquals(996L, eval(e, "let grid = [[], []];\n"
                + "for i in 0..994 { grid[i % 2].push(i); grid.push(0); grid.pop(); } grid.len() + grid[0].len() + grid[1].len()"));
    }

    @Test
    public void nestedMaps() {
        RhaiRuntimeException deep = failure(SANDBOX,
                "let m = #{};\nfor i in 0..1000000 { m = #{ inner: m, pad: i }; }");
        assertMessage(deep, "Size of object map too large");
        assertEquals(2, deep.line());
        RhaiRuntimeException wide = failure(SANDBOX,
                "let n = #{}; for j in 0..1000 { n[`${j}`] = j; }\nlet m = #{}; for i in 0..1000 { m[`${i}`] = n; }");
        assertMessage(wide, "Size of object map too large");
    }

    @Test
    public void mapKeysCountAgainstTheMemoryBudget() {
        // keys are not in Rhai's string count; their memory is
        RhaiRuntimeException e = failure(SANDBOX, DOUBLED + "let m = #{};\nfor i in 0..100000 { m[s + i] = i; }");
        assertMessage(e, "maxMemoryBytes");
        assertEquals(3, e.line());
    }

    @Test
    public void manyVariablesCountAgainstTheMemoryBudget() {
        // every frame holds its own 1 MB string, each within every size limit
        RhaiRuntimeException e = failure(SANDBOX, DOUBLED
                + "fn deep(n, s) { let a = s + n; let b = s + (n + 100); let c = s + (n + 200);\n"
                + "if n > 0 { deep(n - 1, s) } else { 0 } }\ndeep(60, s)");
        assertMessage(e, "maxMemoryBytes");
    }

    @Test
    public void curriedValuesCountAgainstTheMemoryBudget() {
        RhaiRuntimeException e = failure(SANDBOX, DOUBLED
                + "fn f(x) { x }\nlet p = Fn(\"f\"); for i in 0..100000 { p = p.curry(s + i); }");
        assertMessage(e, "maxMemoryBytes");
    }

    @Test
    public void allocationGuard() {
        // nothing is kept, but the run keeps allocating: more than 4 x 2 MiB ends it
        Limits l = Limits.SANDBOX.withMemory(2 << 20, 4).withMaxOperations(0);
        RhaiRuntimeException e = failure(engine(l),
                "let s = \"0123456789\"; for i in 0..16 { s += s; }\nfor i in 0..1000000 { let t = s + i; }");
        assertMessage(e, "allocationLimitFactor");
        assertEquals(2, e.line());
    }

    @Test
    public void outputFloodOfLines() {
        RhaiRuntimeException e = failure(SANDBOX, "let i = 0;\nloop { print(i); i += 1; }");
        assertMessage(e, "maxOutputLines");
        assertEquals(2, e.line());
        List<String> out = e.output();
        assertEquals(Limits.SANDBOX.maxOutputLines() + 1, out.size());
        assertEquals("0", out.get(0));
        assertTrue(out.get(out.size() - 1), out.get(out.size() - 1).startsWith("[output cut: "));
    }

    @Test
    public void outputFloodOfBytes() {
        RhaiRuntimeException e = failure(SANDBOX, DOUBLED + "loop { debug(s); }");
        assertMessage(e, "maxOutputBytes");
        assertTrue(e.output().get(e.output().size() - 1).contains("maxOutputBytes"));
    }

    @Test
    public void outputCountsAgainstTheMemoryBudget() {
        Limits l = Limits.SANDBOX.withMemory(100_000, 0).withOutput(0, 0);
        RhaiRuntimeException e = failure(engine(l), "let s = \"0123456789\";\nloop { print(s); }");
        assertMessage(e, "maxMemoryBytes");
    }

    @Test
    public void limitsOffMeansNoCheck() {
        RhaiEngine e = engine(Limits.RHAI_DEFAULTS);
        assertEquals(2_000L, eval(e, "let s = \"x\"; for i in 0..12 { s += s; } let a = [];"
                + " for i in 0..2000 { a.push(s + i); } a.len()"));
        RunResult r = e.run(e.compile("t", "for i in 0..20000 { print(i); }"), RunOptions.of(Map.of(), null));
        assertEquals(20_000, r.output().size());
    }

    @Test
    public void normalScriptsAreUnaffected() {
        assertEquals(50_000L, eval(SANDBOX, "let a = []; for i in 0..50000 { a.push(i); } a.len()"));
        assertEquals(3_000L, eval(SANDBOX, "let m = #{}; for i in 0..3000 { m[`k${i}`] = [i, `${i}`]; }"
                + " m.len()"));
        assertEquals(500L, eval(SANDBOX, "let q = []; for i in 0..10000 { q.push(`item ${i}`);"
                + " if q.len() > 500 { q.shift(); } } q.len()"));
        assertEquals(10L, eval(SANDBOX, "let g = []; for i in 0..10 { g.push([]); }"
                + " for i in 0..20000 { g[i % 10].push(i); } g.len()"));
        assertEquals(49_995_000L, eval(SANDBOX, "let s = 0; let a = []; for i in 0..10000 { a += [i]; }"
                + " for x in a { s += x; } s"));
        assertEquals(1_000L, eval(SANDBOX, "let s = \"\"; for i in 0..1000 { s += \"x\"; } s.len()"));
        RunResult r = SANDBOX.run(SANDBOX.compile("t", "for i in 0..1000 { print(i); }"),
                RunOptions.of(Map.of(), null));
        assertEquals(1_000, r.output().size());
    }
}
