package io.picloud.rhai.impl;

import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiRuntimeException;
import io.picloud.rhai.RunOptions;
import org.junit.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

/**
 * Script functions compiled to bytecode behave as interpreted ones: the same values, output, operation counts,
 * and errors with the same kinds, messages and positions (each script runs with compilation off and with every
 * function compiled at its first call).
 */
public class FnCompilerTest {
    private static final String FIB = "fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }\n";

    private static final List<String> SCRIPTS = List.of(
            FIB + "print(fib(20)); fib(15)",
            // an overflow inside a function: ErrorInFunctionCall at the call, around the arithmetic error
            "fn add(a, b) {\n  a + b\n}\nadd(1, 2);\n  add(9223372036854775807, 1)",
            "fn sq(n) { n * n }\nfn f(n) {\n  sq(n) + 1\n}\nf(3) + f(4294967296)",
            "fn dec(n) { n - 1 }\nlet r = 0;\ntry { dec(-9223372036854775807 - 1) } catch (e) { r = e; }\nr",
            // a condition that is not a bool, strings and floats through +
            "fn pick(x) { if x { 1 } else { 2 } }\npick(true) + pick(false) + pick(1)",
            "fn join(a, b) { a + b }\njoin(\"x\", 1) + join(1.5, 2) + join('c', \"d\")",
            "fn cmp(a, b) { a < b }\n[cmp(1, 2), cmp(\"a\", \"b\"), cmp(1.5, 1), cmp(1, ())]",
            // the call depth, a non-tail return, an if without else, statements, mutual recursion
            "fn down(n) { down(n + 1) }\ndown(0)",
            "fn f(n) { if n > 3 { return n * 2; } n + 1 }\nf(1) + f(5)",
            "fn f(n) { if n > 1 { n } }\n`${f(0)} ${f(2)}`",
            "fn f(n) { n + 1; n + 2; n * 3 }\nf(2)",
            "fn even(n) { if n == 0 { true } else { odd(n - 1) } }\n"
                    + "fn odd(n) { if n == 0 { false } else { even(n - 1) } }\n[even(10), odd(7), even(3)]",
            // a native call: left to the interpreter over the function's frame
            "fn mag(n) { abs(n) }\nfn twice(n) { mag(n) + mag(n) }\ntwice(-3)",
            // strings grown by recursion until a size limit ends the run
            "fn grow(s, n) { if n == 0 { s } else { grow(s + s, n - 1) } }\ngrow(\"x\", 22).len()",
            // / %, unary operators and && || (the right side only when the left does not decide)
            "fn gcd(a, b) { if b == 0 { a } else { gcd(b, a % b) } }\n[gcd(1071, 462), gcd(-48, 18), gcd(7, 0)]",
            "fn half(n) { n / 2 }\nfn rest(n) { n % 0 }\nhalf(7) + half(-7) + half(7.0);\n  rest(3)",
            "fn div(a, b) { a / b }\ndiv(-9223372036854775807 - 1, -1)",
            "fn neg(n) { -n }\nfn not(b) { !b }\nfn pos(n) { +n }\n[neg(3), neg(-2.5), not(false), pos(4)];\nnot(1)",
            "fn neg(n) { -n }\nneg(\"x\")",
            "fn inside(n) { n > 0 && n < 10 }\nfn outside(n) { n < 0 || n > 9 || !inside(n) }\n"
                    + "[inside(5), inside(50), outside(-1), outside(5), outside(12)]",
            "fn both(a, b) { a && b }\n[both(false, 1), both(true, false)];\nboth(true, 1)",
            "fn either(a, b) { a || b }\n[either(true, 1), either(false, true)];\neither(1, true)",
            // variables, assignments and loops (while, until, do, loop; break with a value, continue)
            "fn sum(n) { let s = 0; let i = 0; while i < n { i = i + 1; if i % 3 == 0 { continue; } s = s + i; } s }\n"
                    + "[sum(10), sum(0), sum(1000)]",
            "fn first(n) { let i = 0; loop { i = i + 1; if i * i > n { break i; } } }\n[first(50), first(0)]",
            "fn count(n) { let i = 0; do { i = i + 1; } until i >= n; i }\n"
                    + "fn back(n) { let i = n; do { i = i - 1; } while i > 0; i }\n[count(5), count(-1), back(3)]",
            "fn unset(n) { let x; if n > 0 { x = n; } x }\n`${unset(0)} ${unset(2)}`",
            "fn shadow(n) { let x = n; { let x = x * 2; x = x + 1; } let x = x - 1; x }\nshadow(5)",
            "fn forever(n) { let i = n; while true { i = i * 2 + 1; } }\nforever(1)",
            "fn bad(n) { let i = 0; while i { i = i + 1; } }\nbad(1)",
            "fn deep(n) { let i = 0; while i < n { let j = 0; while j < n { if j == 2 { break; } j = j + 1; } i = i + 1; } "
                    + "i }\ndeep(4)",
            // nodes left to the interpreter: compound assignments, for, switch, try, methods, closures, strings
            "fn total(a) { let s = 0; for x in a { s += x; } s }\ntotal([1, 2, 3]) + total(range(0, 100))",
            "fn build(n) { let s = \"\"; let i = 0; while i < n { s += i; s += \",\"; i += 1; } s.len() }\nbuild(50)",
            "fn kind(n) { switch n { 0 => \"zero\", 1..10 => \"small\", _ => { return \"big\"; } } }\n"
                    + "[kind(0), kind(5), kind(50)]",
            "fn safe(n) { try { if n > 2 { throw n; } n } catch (e) { return e * 10; } }\n[safe(1), safe(5)]",
            "fn grow(n) { let a = []; let i = 0; while i < n { a.push(i * i); i += 1; } a }\ngrow(5)",
            "fn adder(n) { let k = n; let f = |x| x + k; k = k + 1; f.call(1) + k }\nadder(10)",
            "fn counter(n) { let c = 0; let inc = || c += 1; let i = 0; while i < n { inc.call(); i += 1; } c }\n"
                    + "counter(7)",
            "fn keys(m) { let out = []; for k in m.keys() { if k == \"b\" { continue; } out += k; } out }\n"
                    + "keys(#{a: 1, b: 2, c: 3})",
            "fn early(a) { for x in a { if x > 2 { return x; } } -1 }\n[early([1, 5, 3]), early([])]",
            "fn fmt(n) { `n=${n}` + n.to_string() }\nfmt(3)",
            FIB + "fib(24)");

    private static final List<Limits> LIMITS = List.of(Limits.RHAI_DEFAULTS, Limits.SANDBOX,
            new Limits(5_000, 64, 64, 32, 0, 0, 0, 0, 0, 0, Duration.ZERO));

    @Test
    public void compiledFunctionsRunAsInterpretedOnes() {
        for (Limits limits : LIMITS) {
            for (String script : SCRIPTS) {
                assertEquals(script, outcome(0, limits, script), outcome(1, limits, script));
            }
        }
        for (String script : SCRIPTS) {
            assertFalse("nothing compiled: " + script, compiled(script).isEmpty());
        }
    }

    /** The functions compiled by a run that compiles each at its first call. */
    private static java.util.Set<String> compiled(String script) {
        RhaiEngine engine = RhaiEngine.builder().limits(Limits.RHAI_DEFAULTS).compileAfterCalls(1).build();
        CompiledScript s = engine.compile("t", script);
        try {
            engine.run(s, RunOptions.of(Map.of(), null));
        } catch (RhaiRuntimeException e) {
            // the scripts that end with an error have compiled their functions by then
        }
        return s.compiledFunctions();
    }

    @Test
    public void aFunctionIsCompiledAfterItsCallsWithTheNodesTheCompilerDoesNotKnowLeftToTheInterpreter() {
        RhaiEngine engine = RhaiEngine.builder().limits(Limits.RHAI_DEFAULTS).compileAfterCalls(100).build();
        CompiledScript fib = engine.compile("fib", FIB + "fib(5)");
        engine.run(fib, RunOptions.of(Map.of(), null));
        assertFalse("15 calls", function(fib, "fib", 1).compiled());
        engine.run(fib, RunOptions.of(Map.of(), null));
        engine.run(fib, RunOptions.of(Map.of(), null));
        assertFalse("45 calls", function(fib, "fib", 1).compiled());
        engine.run(engine.compile("other", FIB + "fib(10)"), RunOptions.of(Map.of(), null));
        assertFalse("another script's fib", function(fib, "fib", 1).compiled());
        for (int i = 0; i < 4; i++) {
            engine.run(fib, RunOptions.of(Map.of(), null));
        }
        assertEquals("105 calls", java.util.Set.of("fib/1"), fib.compiledFunctions());
        assertEquals(5L, engine.run(fib, RunOptions.of(Map.of(), null)).value());

        RhaiEngine eager = RhaiEngine.builder().limits(Limits.RHAI_DEFAULTS).compileAfterCalls(1).build();
        CompiledScript s = eager.compile("s", "fn mag(n) { abs(n) }\nfn twice(n) { mag(n) + mag(n) }\ntwice(-3)");
        assertEquals(6L, eager.run(s, RunOptions.of(Map.of(), null)).value());
        assertEquals(java.util.Set.of("mag/1", "twice/1"), s.compiledFunctions());

        // a body too large for the JIT to compile stays interpreted
        CompiledScript big = eager.compile("big", "fn big(x) {" + " x = x + 1;".repeat(800) + " x }\nbig(0)");
        assertEquals(800L, eager.run(big, RunOptions.of(Map.of(), null)).value());
        assertEquals(java.util.Set.of(), big.compiledFunctions());
    }

    private static io.picloud.rhai.impl.eval.FnDef function(CompiledScript s, String name, int arity) {
        return ((CompiledScriptImpl) s).unit.function(name, arity);
    }

    private static String outcome(int compileAfterCalls, Limits limits, String script) {
        return TestSupport.outcome(
                RhaiEngine.builder().limits(limits).compileAfterCalls(compileAfterCalls).build(), script);
    }
}
