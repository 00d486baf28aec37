package io.picloud.rhai.impl;

import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.impl.eval.Context;
import io.picloud.rhai.impl.eval.Frame;
import io.picloud.rhai.impl.eval.Runtime;
import io.picloud.rhai.impl.eval.ScriptUnit;
import io.picloud.rhai.impl.packages.Packages;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.NativeFn;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.Unit;
import org.junit.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

/**
 * A constant receiver is refused only by a mutating overload its argument types select (Rhai resolves the
 * overload first, then checks purity), whatever order the overloads were registered in.
 */
public class ConstantReceiverTest {
    /**
     * {@code describe(string)} is pure, {@code describe(array)} and {@code visit(array, fn)} mutate; the mutating
     * ones are registered last, so they are tried first.
     */
    static FunctionTable table() {
        FunctionTable t = new FunctionTable();
        Packages.registerKeywords(t);
        Packages.registerStandard(t);
        t.fn("describe", 1, (c, a) -> a[0] instanceof String s ? (Object) ("string " + s) : NativeFn.NO_MATCH);
        t.mut("describe", 1, (c, a) -> {
            if (a[0] instanceof RArray x) {
                x.add(0L);
                return "array of " + x.size();
            }
            return NativeFn.NO_MATCH;
        });
        t.mut("visit", 2, (c, a) -> {
            if (a[0] instanceof RArray x) {
                for (Object o : x) {
                    c.callFn(a[1], o);
                }
                x.clear();
                return Unit.UNIT;
            }
            return NativeFn.NO_MATCH;
        });
        return t;
    }

    static final RhaiEngine COMPILER = RhaiEngine.builder().build();

    record Run(Object value, List<String> output) {
    }

    /** The value, or the error kind when the script fails; with the printed lines. */
    static Run run(String src) {
        ScriptUnit unit = ((CompiledScriptImpl) COMPILER.compile("test", src)).unit;
        Runtime rt = new Runtime(table(), p -> Optional.empty(), null, false, false, 0);
        Context ctx = new Context(rt, unit, Limits.RHAI_DEFAULTS, null, null);
        try {
            return new Run(unit.main.eval(new Frame(ctx, unit.mainFrameSize)), ctx.output);
        } catch (EvalError e) {
            return new Run(e.kind, ctx.output);
        }
    }

    static String error(String src) {
        Run r = run(src);
        if (!(r.value() instanceof String s) || !s.startsWith("Error")) {
            fail("expected an error, got " + r.value());
        }
        return (String) r.value();
    }

    @Test
    public void pureOverloadOnConstantIsChosenByType() {
        assertEquals("string x", run("const s = \"x\"; s.describe()").value());
        assertEquals("string x", run("const s = \"x\"; describe(s)").value());
    }

    @Test
    public void mutatingOverloadOnConstantIsRefused() {
        assertEquals("ErrorNonPureMethodCallOnConstant", error("const a = [1]; a.describe()"));
        assertEquals("ErrorNonPureMethodCallOnConstant", error("const a = [1]; describe(a)"));
        assertEquals("array of 2", run("let a = [1]; a.describe()").value());
    }

    @Test
    public void refusedCallRunsNoCallbackAndLeavesTheConstant() {
        Run r = run("const a = [1, 2]; print(a.len()); a.visit(|x| print(x));");
        assertEquals("ErrorNonPureMethodCallOnConstant", r.value());
        assertEquals(List.of("2"), r.output());
        assertEquals(List.of("1", "2", "0"), run("let a = [1, 2]; a.visit(|x| print(x)); print(a.len());").output());
    }

    @Test
    public void noOverloadForTheTypesIsNotFound() {
        assertEquals("ErrorFunctionNotFound", error("const n = 1; n.describe()"));
    }

    @Test
    public void standardLibraryOnConstants() {
        assertEquals("ErrorNonPureMethodCallOnConstant", error("const a = [1, 2, 3]; a.split(1)"));
        assertEquals("ErrorFunctionNotFound", error("const a = [1, 2, 3]; a.split(\"x\")"));
        assertEquals(2L, ((RArray) run("const s = \"a,b\"; s.split(\",\")").value()).size() + 0L);
    }
}
