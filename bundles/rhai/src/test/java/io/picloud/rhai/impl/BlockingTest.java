package io.picloud.rhai.impl;

import io.picloud.rhai.BlockingCheck;
import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiRuntimeException;
import io.picloud.rhai.RunOptions;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * What a host learns of a script's calls before it runs ({@link CompiledScript#calledFunctions()},
 * {@link RhaiEngine#blockingFunctions()}), and the {@link BlockingCheck} that {@code sleep} asks before it waits.
 */
public class BlockingTest {
    private final RhaiEngine engine = RhaiEngine.builder()
            .moduleResolver(path -> Optional.of("fn nap(s) { sleep(s) } fn pure() { 1 }"))
            .registerFunction("kv::get", 1, (c, a) -> a.get(0))
            .build();

    private Set<String> calls(String source) {
        return engine.compile("s", source).calledFunctions();
    }

    @Test
    public void sleepIsTheStandardLibrarysBlockingFunction() {
        assertEquals(Set.of("sleep"), engine.blockingFunctions());
        assertEquals("a raw engine has no sleep", Set.of(), RhaiEngine.builder().raw(true).build().blockingFunctions());
    }

    @Test
    public void callsByNameAreFoundEverywhereInTheSource() {
        assertTrue(calls("sleep(1); \"slept\"").contains("sleep"));
        assertTrue("method style", calls("let s = 1; s.sleep()").contains("sleep"));
        assertTrue("in a function", calls("fn nap() { sleep(1) } 1").contains("sleep"));
        assertTrue("in a closure", calls("let f = |x| sleep(x); 1").contains("sleep"));
        assertTrue("a pointer to it by its literal name", calls("let f = Fn(\"sleep\"); 1").contains("sleep"));
        assertTrue("a host function by its path", calls("kv::get(\"k\")").contains("kv::get"));
        assertFalse(calls("let x = \"sleep\"; x.len()").contains("sleep"));
        assertFalse("a computed name is not known", calls("let f = Fn(\"sl\" + \"eep\"); 1").contains("sleep"));
    }

    @Test
    public void sleepAsksTheCheckBeforeItWaitsAndTheCheckMayEndTheRun() {
        List<String> asked = new ArrayList<>();
        BlockingCheck refuse = function -> {
            asked.add(function);
            throw new RhaiRuntimeException("ErrorTerminated", function + " may not block here", "s", 0, 0, null,
                    null);
        };
        String kind = kindOf("try { sleep(60) } catch (e) { \"caught\" }", refuse);
        assertEquals("no catch block sees it, and the run did not wait", "ErrorTerminated", kind);
        assertEquals(List.of("sleep"), asked);

        asked.clear();
        assertEquals("ErrorTerminated", kindOf("let f = Fn(\"sl\" + \"eep\"); f.call(60)", refuse));
        assertEquals("through a computed function pointer", List.of("sleep"), asked);

        asked.clear();
        assertEquals("ErrorTerminated", kindOf("import \"lib\" as lib; lib::nap(60)", refuse));
        assertEquals("inside an imported module's function", List.of("sleep"), asked);
    }

    @Test
    public void aCheckThatReturnsLetsItWaitAndNoneIsAskedWithoutSleep() {
        List<String> asked = new ArrayList<>();
        BlockingCheck allow = asked::add;
        CompiledScript s = engine.compile("s", "sleep(0); import \"lib\" as lib; lib::pure()");
        assertEquals(1L, engine.run(s, options(allow)).value());
        assertEquals(List.of("sleep"), asked);
        asked.clear();
        assertEquals(3L, engine.run(engine.compile("s", "1 + 2"), options(allow)).value());
        assertEquals(List.of(), asked);
        assertEquals("no check: sleep just waits", 1L, engine.run(s, RunOptions.of(Map.of(), null)).value());
    }

    private String kindOf(String source, BlockingCheck check) {
        try {
            Object v = engine.run(engine.compile("s", source), options(check)).value();
            fail("expected the run to end, got " + v);
            return null;
        } catch (RhaiRuntimeException e) {
            return e.kind();
        }
    }

    private static RunOptions options(BlockingCheck check) {
        return new RunOptions(Map.of(), Limits.SANDBOX, null, null, null, check);
    }
}
