package io.picloud.rhai.impl;

import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiRuntimeException;
import io.picloud.rhai.RunControl;
import io.picloud.rhai.RunOptions;
import org.junit.Test;

import java.time.Duration;
import java.util.Map;

import static io.picloud.rhai.impl.TestSupport.engine;
import static io.picloud.rhai.impl.TestSupport.errorOf;
import static io.picloud.rhai.impl.TestSupport.eval;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** Every sandbox limit ends the run with Rhai's matching error kind; within the limit the script runs. */
public class LimitsTest {
    private static final Limits NONE = Limits.RHAI_DEFAULTS;

    @Test
    public void maxOperations() {
        RhaiEngine e = engine(NONE.withMaxOperations(1_000));
        assertEquals("ErrorTooManyOperations", errorOf(e, "let x = 0; loop { x += 1; }"));
        assertEquals(10L, eval(e, "let x = 0; while x < 10 { x += 1; } x"));
    }

    @Test
    public void operationsAreReported() {
        RhaiEngine e = engine(NONE);
        long ops = e.run(e.compile("t", "let x = 0; while x < 100 { x += 1; }"), RunOptions.of(Map.of(), null))
                .operations();
        assertTrue("operations counted: " + ops, ops >= 200);
    }

    @Test
    public void maxCallDepth() {
        String f = "fn f(n) { if n == 0 { 0 } else { 1 + f(n - 1) } } ";
        RhaiEngine e = engine(NONE);
        assertEquals(63L, eval(e, f + "f(63)"));
        assertEquals("ErrorStackOverflow", errorOf(e, f + "f(64)"));
        RhaiEngine shallow = engine(new Limits(0, 8, 64, 32, 0, 0, 0, 0, 0, 0, Duration.ZERO));
        assertEquals("ErrorStackOverflow", errorOf(shallow, f + "f(10)"));
    }

    @Test
    public void aResultNestedTooDeeplyForTheHostIsErrorDataTooLarge() {
        RhaiEngine e = engine(NONE);
        String nest = "let a = []; for i in 0..N { a = [a]; } a";
        assertEquals("ErrorDataTooLarge", errorOf(e, nest.replace("N", "10000")));
        assertEquals("ErrorDataTooLarge", errorOf(e, "let m = #{}; for i in 0..600 { m = #{inner: m}; } m"));
        assertTrue(eval(e, nest.replace("N", String.valueOf(JavaValues.MAX_DEPTH))) instanceof java.util.List);
    }

    @Test
    public void deepRecursionInsideTryIsNotCaught() {
        RhaiEngine e = engine(NONE);
        assertEquals("ErrorStackOverflow", errorOf(e, "fn f(n) { f(n + 1) } try { f(0) } catch { 1 }"));
    }

    @Test
    public void maxExpressionDepthGlobalAndInFunctions() {
        RhaiEngine e = engine(new Limits(0, 64, 10, 5, 0, 0, 0, 0, 0, 0, Duration.ZERO));
        assertEquals("ExprTooDeep", errorOf(e, "let x = ((((((((((((1))))))))))));"));
        assertEquals("ExprTooDeep", errorOf(e, "fn f() { ((((((1)))))) }"));
        assertEquals(1L, eval(e, "((1))"));
    }

    @Test
    public void maxStringSize() {
        RhaiEngine e = engine(new Limits(0, 64, 64, 32, 10, 0, 0, 0, 0, 0, Duration.ZERO));
        assertEquals("LiteralTooLarge", errorOf(e, "\"hello, world!\""));
        assertEquals("ErrorDataTooLarge", errorOf(e, "let s = \"hello\"; s += \" world!\"; s"));
        assertEquals("ErrorDataTooLarge", errorOf(e, "let s = \"hello\"; s + \" world!\""));
        assertEquals("hello", eval(e, "\"hello\""));
    }

    @Test
    public void maxArraySize() {
        RhaiEngine e = engine(new Limits(0, 64, 64, 32, 0, 5, 0, 0, 0, 0, Duration.ZERO));
        assertEquals("LiteralTooLarge", errorOf(e, "[1, 2, 3, 4, 5, 6]"));
        assertEquals("ErrorDataTooLarge", errorOf(e, "let a = []; for i in 0..10 { a.push(i); } a"));
        assertEquals("ErrorDataTooLarge", errorOf(e, "let a = [1, 2, 3]; a + [4, 5, 6]"));
        assertEquals(5L, eval(e, "let a = []; for i in 0..5 { a.push(i); } a.len()"));
    }

    @Test
    public void maxMapSize() {
        RhaiEngine e = engine(new Limits(0, 64, 64, 32, 0, 0, 3, 0, 0, 0, Duration.ZERO));
        assertEquals("LiteralTooLarge", errorOf(e, "#{a: 1, b: 2, c: 3, d: 4}"));
        assertEquals("ErrorDataTooLarge", errorOf(e, "let m = #{}; for i in 0..5 { m[`k${i}`] = i; } m"));
    }

    @Test
    public void maxVariables() {
        RhaiEngine e = engine(new Limits(0, 64, 64, 32, 0, 0, 0, 3, 0, 0, Duration.ZERO));
        assertEquals("ErrorTooManyVariables", errorOf(e, "let a = 1; let b = 2; let c = 3; let d = 4;"));
        assertEquals(6L, eval(e, "let a = 1; let b = 2; let c = 3; a + b + c"));
    }

    @Test
    public void maxFunctions() {
        RhaiEngine e = engine(new Limits(0, 64, 64, 32, 0, 0, 0, 0, 2, 0, Duration.ZERO));
        assertEquals("TooManyFunctions", errorOf(e, "fn a() {} fn b() {} fn c() {}"));
    }

    @Test
    public void maxModules() {
        RhaiEngine e = RhaiEngine.builder()
                .limits(new Limits(0, 64, 64, 32, 0, 0, 0, 0, 0, 1, Duration.ZERO))
                .moduleResolver(path -> java.util.Optional.of("export const X = 1;")).build();
        assertEquals(1L, eval(e, "import \"a\" as a; a::X"));
        assertEquals("ErrorTooManyModules", errorOf(e, "import \"a\" as a; import \"b\" as b; 1"));
    }

    @Test
    public void wallClockTimeout() {
        RhaiEngine e = engine(NONE.withTimeout(Duration.ofMillis(200)));
        assertEquals("ErrorTerminated", errorOf(e, "loop { }"));
    }

    @Test
    public void cooperativeCancellation() throws Exception {
        RhaiEngine e = engine(NONE);
        CompiledScript cs = e.compile("spin", "let x = 0; loop { x += 1; }");
        RunControl control = new RunControl();
        String[] kind = new String[1];
        Thread t = new Thread(() -> {
            try {
                e.run(cs, new RunOptions(Map.of(), null, control, null));
            } catch (RhaiRuntimeException ex) {
                kind[0] = ex.kind();
            }
        });
        t.start();
        control.cancel();
        t.join(30_000);
        assertEquals("ErrorTerminated", kind[0]);
    }

    @Test
    public void limitsAreNotCatchable() {
        RhaiEngine e = engine(NONE.withMaxOperations(500));
        assertEquals("ErrorTooManyOperations", errorOf(e, "try { loop { } } catch { 42 }"));
    }

    @Test
    public void limitsInsideEvalAreNotCatchable() {
        // Rhai's eval wraps every error in a catchable ErrorInFunctionCall, limits too; not copied (a sandbox hole)
        RhaiEngine e = TestSupport.builder().evalEnabled(true).limits(NONE.withMaxOperations(500)).build();
        assertEquals("ErrorInFunctionCall", errorOf(e, "try { eval(\"loop { }\") } catch { 42 }"));
        assertEquals("ErrorInFunctionCall", errorOf(e, "try { eval(\"eval(`loop { }`)\") } catch { 42 }"));
        assertEquals("ErrorInFunctionCall", errorOf(e, "fn f() { eval(\"loop { }\") } try { f() } catch { 42 }"));
        // a parse error inside eval can be caught, as in Rhai
        assertEquals(42L, eval(e, "let r = 0; try { eval(\"let x = ;\") } catch { r = 42 } r"));
    }
}
