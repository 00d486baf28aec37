package io.picloud.rhai.impl;

import io.picloud.rhai.RhaiEngine;
import org.junit.Test;

import java.util.List;

import static io.picloud.rhai.impl.TestSupport.builder;
import static io.picloud.rhai.impl.TestSupport.errorOf;
import static io.picloud.rhai.impl.TestSupport.eval;
import static org.junit.Assert.assertEquals;

/** Each builder switch changes the language as Rhai's matching Engine setting does. */
public class SwitchesTest {
    @Test
    public void rawEngineHasNoStandardLibrary() {
        RhaiEngine raw = builder().raw(true).build();
        assertEquals("ErrorFunctionNotFound", errorOf(raw, "[1, 2].len()"));
        assertEquals(3L, eval(raw, "1 + 2"));
        assertEquals("i64", eval(raw, "type_of(1)"));
        assertEquals(2L, eval(builder().build(), "[1, 2].len()"));
    }

    @Test
    public void strictVariables() {
        RhaiEngine strict = builder().strictVariables(true).build();
        assertEquals("VariableUndefined", errorOf(strict, "let x = 1; y"));
        assertEquals("ErrorVariableNotFound", errorOf(builder().build(), "let x = 1; y"));
    }

    @Test
    public void allowLooping() {
        RhaiEngine noLoops = builder().allowLooping(false).build();
        errorOf(noLoops, "while true {}");
        errorOf(noLoops, "for x in 0..3 {}");
        errorOf(noLoops, "loop { break; }");
        assertEquals(3L, eval(builder().build(), "let n = 0; for x in 0..3 { n += 1; } n"));
    }

    @Test
    public void disableSymbol() {
        RhaiEngine e = builder().disableSymbol("if").disableSymbol("+=").build();
        assertEquals("Reserved", errorOf(e, "if true { 1 }"));
        assertEquals("UnknownOperator", errorOf(e, "let x = 1; x += 1;"));
        assertEquals(2L, eval(e, "let x = 1; x = x + 1; x"));
    }

    @Test
    public void allowShadowing() {
        RhaiEngine noShadow = builder().allowShadowing(false).build();
        assertEquals("VariableExists", errorOf(noShadow, "let x = 1; let x = 2;"));
        assertEquals(2L, eval(builder().build(), "let x = 1; let x = 2; x"));
    }

    @Test
    public void evalIsOffUnlessEnabled() {
        assertEquals("ErrorFunctionNotFound", errorOf(builder().build(), "eval(\"1 + 1\")"));
        assertEquals(2L, eval(builder().evalEnabled(true).build(), "eval(\"1 + 1\")"));
    }

    @Test
    public void hostFunctionsGoThroughTheFunctionTable() {
        RhaiEngine e = builder().registerFunction("add_all", 2, (ctx, args) -> (Long) args.get(0) + (Long) args.get(1))
                .registerFunction("boom", 0, (ctx, args) -> {
                    throw new IllegalStateException("bad thing");
                }).build();
        assertEquals(42L, eval(e, "add_all(40, 2)"));
        assertEquals(42L, eval(e, "40.add_all(2)"));
        assertEquals("ErrorRuntime", errorOf(e, "boom()"));
        assertEquals("bad thing", eval(e, "let r; try { boom() } catch (err) { r = err } r"));
    }

    @Test
    public void valuesCrossTheApiBoundary() {
        RhaiEngine e = builder().build();
        Object v = e.run(e.compile("t", "[x, y.a, #{k: 'c'}]"),
                io.picloud.rhai.RunOptions.of(java.util.Map.of("x", 1, "y", java.util.Map.of("a", "s")), null)).value();
        assertEquals(List.of(1L, "s", java.util.Map.of("k", 'c')), v);
        assertEquals(7L, e.call(e.compile("t", "fn add(a, b) { a + b }"), "add", List.of(3, 4),
                io.picloud.rhai.RunOptions.of(java.util.Map.of(), null)).value());
    }

    @Test
    public void printIsCapturedNotWritten() {
        RhaiEngine e = builder().build();
        assertEquals(List.of("hi", "\"dbg\""), e.run(e.compile("t", "print(\"hi\"); debug(\"dbg\");"),
                io.picloud.rhai.RunOptions.of(java.util.Map.of(), null)).output());
    }
}
