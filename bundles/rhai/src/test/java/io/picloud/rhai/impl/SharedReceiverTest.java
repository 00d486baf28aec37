package io.picloud.rhai.impl;

import org.junit.Test;

import java.util.List;

import static io.picloud.rhai.impl.TestSupport.builder;
import static io.picloud.rhai.impl.TestSupport.errorOf;
import static io.picloud.rhai.impl.TestSupport.eval;
import static org.junit.Assert.assertEquals;

/**
 * A variable captured by a closure is a shared value. Rhai (eval/target.rs, func/call.rs) write-locks it for a
 * method call on it, so a closure capturing it cannot run during that call (ErrorDataRace); called in function
 * style with it as first argument, the function gets a copy of its value instead. Either way the array a pure
 * call like {@code map} works on is never changed under it by the closure.
 */
public class SharedReceiverTest {
    @Test
    public void methodCallLocksTheCapturedReceiver() {
        assertEquals("ErrorDataRace", errorOf(builder().build(),
                "let a = [1, 2, 3]; let b = a.map(|x| { a[0] = 100; x * 2 }); [a, b]"));
        assertEquals("ErrorDataRace", errorOf(builder().build(),
                "let a = [1, 2, 3]; a.map(|x| x + a.len())"));
        // capturing is enough: Rhai refuses the call before the closure body runs
        assertEquals("ErrorDataRace", errorOf(builder().build(),
                "let a = 20; let foo = |x| { if false { a } this += x }; a.call(foo, 1); a"));
    }

    @Test
    public void functionStyleCallGetsACopyOfTheCapturedValue() {
        assertEquals(List.of(List.of(1L, 100L, 3L), List.of(2L, 4L, 6L)),
                eval("let a = [1, 2, 3]; let b = map(a, |x| { a[1] = 100; x * 2 }); [a, b]"));
        // even a mutating function works on the copy (Rhai's func/call.rs passes a shared first argument by value)
        assertEquals(List.of(1L, 2L, 3L), eval("let a = [1, 2, 3]; let f = || a; push(a, 4); a"));
        assertEquals(List.of(1L, 2L, 3L, 4L), eval("let a = [1, 2, 3]; let f = || a; a.push(4); a"));
    }

    @Test
    public void resultOfAPureCallIsNotTheSharedArray() {
        assertEquals(List.of(List.of(1L, 2L, 3L), List.of(1L, 2L, 3L), List.of(9L, 4L, 6L)),
                eval("let a = [1, 2, 3]; let f = || a; let b = a.map(|x| x * 2); b[0] = 9; [a, f.call(), b]"));
        assertEquals(List.of(List.of(2L, 4L), 2L),
                eval("let a = [1, 2]; let f = || a; let b = a.map(|x| x * 2); [b, a.len()]"));
    }

    @Test
    public void otherClosuresStillRunDuringTheCall() {
        assertEquals(42L, eval("let a = 1; let b = 40; let foo = |x| { this += a + x }; b.call(foo, 1); b"));
    }
}
