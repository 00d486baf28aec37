package io.picloud.rhai.impl.packages;

import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiRuntimeException;
import io.picloud.rhai.RunOptions;
import org.junit.Test;

import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

/** BasicArrayPackage against the semantics of Rhai's array_basic.rs (positions, clamping, callbacks, sorting). */
public class ArrayPackageTest {
    static final RhaiEngine ENGINE = RhaiEngine.builder().build();

    /** Runs a script and renders its value: [..], #{"k": v} (key order), "s", 'c', (), blob as <hex>. */
    static String eval(String script) {
        return show(ENGINE.run(ENGINE.compile("test", script), RunOptions.of(Map.of(), Limits.RHAI_DEFAULTS)).value());
    }

    /** The error kind a script fails with. */
    static String error(String script) {
        try {
            Object v = ENGINE.run(ENGINE.compile("test", script), RunOptions.of(Map.of(), Limits.RHAI_DEFAULTS)).value();
            fail("expected an error, got " + show(v));
            return null;
        } catch (RhaiRuntimeException e) {
            return e.kind();
        }
    }

    static String show(Object v) {
        if (v == null) {
            return "()";
        } else if (v instanceof String s) {
            return "\"" + s + "\"";
        } else if (v instanceof Character c) {
            return "'" + c + "'";
        } else if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(show(l.get(i)));
            }
            return sb.append(']').toString();
        } else if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("#{");
            new java.util.TreeMap<>(m).forEach((k, x) -> sb.append(sb.length() > 2 ? ", " : "")
                    .append('"').append(k).append("\": ").append(show(x)));
            return sb.append('}').toString();
        } else if (v instanceof byte[] b) {
            StringBuilder sb = new StringBuilder("<");
            for (byte x : b) {
                sb.append(String.format("%02x", x));
            }
            return sb.append('>').toString();
        }
        return String.valueOf(v);
    }

    @Test
    public void positionsAreClampedLikeCalcOffsetLen() {
        assertEquals("1", eval("let a = [1, 2, 3]; a.get(-10)"));
        assertEquals("3", eval("let a = [1, 2, 3]; a.get(-1)"));
        assertEquals("()", eval("let a = [1, 2, 3]; a.get(3)"));
        assertEquals("[9, 2, 3]", eval("let a = [1, 2, 3]; a.set(-10, 9); a"));
        assertEquals("[1, 2, 3]", eval("let a = [1, 2, 3]; a.set(3, 9); a"));
        assertEquals("[0, 1, 2, 3]", eval("let a = [1, 2, 3]; a.insert(-10, 0); a"));
        assertEquals("[1, 2, 3, 4]", eval("let a = [1, 2, 3]; a.insert(10, 4); a"));
        assertEquals("[1, 2, 9, 3]", eval("let a = [1, 2, 3]; a.insert(-1, 9); a"));
    }

    @Test
    public void removePopShiftGiveUnitOutOfRange() {
        assertEquals("3", eval("let a = [1, 2, 3]; a.remove(-1)"));
        assertEquals("()", eval("let a = [1, 2, 3]; a.remove(-4)"));
        assertEquals("()", eval("let a = [1, 2, 3]; a.remove(3)"));
        assertEquals("()", eval("let a = []; a.pop()"));
        assertEquals("()", eval("let a = []; a.shift()"));
        assertEquals("[[2, 3], 1]", eval("let a = [1, 2, 3]; let x = a.shift(); [a, x]"));
    }

    @Test
    public void extractDrainRetainSpliceSplit() {
        assertEquals("[4, 5]", eval("[1, 2, 3, 4, 5].extract(-2)"));
        assertEquals("[2, 3]", eval("[1, 2, 3, 4, 5].extract(1, 2)"));
        assertEquals("[2, 3]", eval("[1, 2, 3, 4, 5].extract(1..3)"));
        assertEquals("[2, 3, 4]", eval("[1, 2, 3, 4, 5].extract(1..=3)"));
        assertEquals("[1, 2]", eval("[1, 2, 3, 4, 5].extract(-100, 2)"));
        assertEquals("[]", eval("[1, 2, 3, 4, 5].extract(10, 2)"));
        assertEquals("[]", eval("[1, 2, 3, 4, 5].extract(2, -1)"));
        assertEquals("[[1, 4, 5], [2, 3]]", eval("let a = [1, 2, 3, 4, 5]; let r = a.drain(1, 2); [a, r]"));
        assertEquals("[[1, 2, 3], [4, 5]]", eval("let a = [1, 2, 3, 4, 5]; let r = a.drain(3..); [a, r]"));
        assertEquals("[[2, 3], [1, 4, 5]]", eval("let a = [1, 2, 3, 4, 5]; let r = a.retain(1..3); [a, r]"));
        assertEquals("[1, 9, 4, 5]", eval("let a = [1, 2, 3, 4, 5]; a.splice(1, 2, [9]); a"));
        assertEquals("[1, 2, 7]", eval("let a = [1, 2]; a.splice(10, 1, [7]); a"));
        assertEquals("[1, 8, 9, 3]", eval("let a = [1, 2, 3]; a.splice(1..=1, [8, 9]); a"));
        assertEquals("[[1, 2, 3], [4, 5]]", eval("let a = [1, 2, 3, 4, 5]; let b = a.split(-2); [a, b]"));
        assertEquals("[[1, 2], []]", eval("let a = [1, 2]; let b = a.split(10); [a, b]"));
    }

    @Test
    public void truncateChopPadReverse() {
        assertEquals("[2, 3]", eval("let a = [1, 2, 3]; a.chop(2); a"));
        assertEquals("[]", eval("let a = [1, 2, 3]; a.chop(0); a"));
        assertEquals("[1]", eval("let a = [1, 2, 3]; a.truncate(1); a"));
        assertEquals("[1, 2, 3]", eval("let a = [1, 2, 3]; a.truncate(10); a"));
        assertEquals("[1, 0, 0]", eval("let a = [1]; a.pad(3, 0); a"));
        assertEquals("[1]", eval("let a = [1]; a.pad(-1, 0); a"));
        assertEquals("[[1], [1]]", eval("let a = []; a.pad(2, [1]); a[0].push(2); a[0].pop(); a"));
        assertEquals("[3, 2, 1]", eval("let a = [1, 2, 3]; a.reverse(); a"));
        assertEquals("ErrorDataTooLarge", errorWithArrayLimit("let a = []; a.pad(11, 0); a"));
    }

    static String errorWithArrayLimit(String script) {
        Limits limits = new Limits(0, 64, 64, 32, 0, 10, 0, 0, 0, 0, java.time.Duration.ZERO);
        RhaiEngine e = RhaiEngine.builder().limits(limits).build();
        try {
            e.run(e.compile("test", script), RunOptions.of(Map.of(), limits));
            return "no error";
        } catch (RhaiRuntimeException x) {
            return x.kind();
        }
    }

    @Test
    public void containsAndIndexOf() {
        assertEquals("true", eval("[1, \"a\"].contains(\"a\")"));
        assertEquals("false", eval("[1, 2].contains(\"1\")"));
        assertEquals("3", eval("[1, 2, 3, 2].index_of(2, 2)"));
        assertEquals("3", eval("[1, 2, 3, 2].index_of(2, -1)"));
        assertEquals("-1", eval("[1, 2, 3].index_of(9)"));
        assertEquals("1", eval("[1, 2, 3].index_of(|x| x > 1)"));
        assertEquals("2", eval("[1, 2, 3].index_of(|x| x > 1, 2)"));
        assertEquals("1", eval("[\"a\", \"b\"].index_of(\"b\")"));
        assertEquals("1", eval("fn big(x) { x > 1 } [1, 2, 3].index_of(\"big\")"));
    }

    @Test
    public void callbacksBindThisOrTakeElementAndIndex() {
        assertEquals("[0, 2, 6]", eval("[1, 2, 3].map(|x, i| x * i)"));
        assertEquals("[10, 20]", eval("[1, 2].map(|| this * 10)"));
        assertEquals("[]", eval("[1, 2, 3].filter(|x| x)"));
        assertEquals("[2, 3]", eval("fn big(x) { x > 1 } [1, 2, 3].filter(\"big\")"));
        assertEquals("8", eval("[1, 2, 3].reduce(|acc, x, i| acc + x * i, 0)"));
        assertEquals("6", eval("[1, 2, 3].reduce(|sum| if sum == () { this } else { sum + this })"));
        assertEquals("\"322110\"", eval("[1, 2, 3].reduce_rev(|acc, x, i| acc + `${x}${i}`, \"\")"));
        assertEquals("()", eval("[].reduce(|a, x| a + x)"));
        assertEquals("1", eval("let s = 0; [5, 6].for_each(|i| s += i); s"));
        assertEquals("[42, 43]", eval("let x = [1, 2]; x.for_each(|| this += 41); x"));
        assertEquals("[5, 7]", eval("let x = [5, 6]; x.for_each(|i| this += i); x"));
        assertEquals("[5, 7]", eval("[1, 2, 3].zip([4, 5], |a, b| a + b)"));
        assertEquals("[0, 1]", eval("[1, 2, 3].zip([4, 5], |a, b, i| i)"));
        assertEquals("2", eval("[1, 2, 3].find(|x| x > 1)"));
        assertEquals("3", eval("[1, 2, 3].find(|x| x > 1, 2)"));
        assertEquals("()", eval("[1, 2, 3].find(|x| x > 5)"));
        assertEquals("20", eval("[1, 2, 3].find_map(|x| if x > 1 { x * 10 })"));
        assertEquals("false", eval("[].some(|x| true)"));
        assertEquals("true", eval("[].all(|x| false)"));
        assertEquals("true", eval("[1, 2].all(|x| x > 0)"));
    }

    @Test
    public void drainAndRetainWithPredicate() {
        assertEquals("[[1, 3], [2, 4]]", eval("let a = [1, 2, 3, 4]; let r = a.drain(|x| x % 2 == 0); [a, r]"));
        assertEquals("[[3, 4], [1, 2]]", eval("let a = [1, 2, 3, 4]; let r = a.drain(|x, i| i < 2); [a, r]"));
        assertEquals("[[3, 4], [1, 2]]", eval("let a = [1, 2, 3, 4]; let r = a.retain(|x| x > 2); [a, r]"));
        assertEquals("[[30, 40], [10, 20]]", eval("let a = [1, 2, 3, 4]; let r = a.retain(|| { this *= 10; this > 20 }); [a, r]"));
    }

    @Test
    public void callbackChangingTheWalkedArrayIsADataRace() {
        assertEquals("ErrorDataRace", error("let a = [1, 2, 3]; a.map(|x| { a.push(x); x }); a.len()"));
        assertEquals("ErrorDataRace", error("let a = [1, 2, 3]; a.for_each(|| a.push(1)); a"));
        assertEquals("ErrorDataRace", error("let a = [1, 2, 3]; a.drain(|x| { a.clear(); true }); a"));
        // sort and dedup swallow comparer errors (array_basic.rs sort_by, dedup_by_comparer): the closure capturing
        // the locked receiver fails each time, so nothing moves
        assertEquals("[3, 1, 2]", eval("let a = [3, 1, 2]; a.sort(|x, y| { a.push(1); x - y }); a"));
        assertEquals("[3, 1, 2, 2]", eval("let a = [3, 1, 2, 2]; a.dedup(|x, y| { a.clear(); false }); a"));
    }

    @Test
    public void sortingAndDedup() {
        assertEquals("[1, 2, 3]", eval("let a = [3, 1, 2]; a.sort(|x, y| x < y); a"));
        assertEquals("[3, 2, 1]", eval("let a = [3, 1, 2]; a.sort(|x, y| y - x); a"));
        assertEquals("[3, 2, 1]", eval("let a = [3, 1, 2]; a.sort_desc(); a"));
        assertEquals("[\"a\", \"b\", \"c\"]", eval("let a = [\"b\", \"c\", \"a\"]; a.sort(); a"));
        assertEquals("[false, true, true]", eval("let a = [true, false, true]; a.sort(); a"));
        assertEquals("[true, true, false]", eval("let a = [true, false, true]; a.sort_desc(); a"));
        assertEquals("['a', 'b']", eval("let a = ['b', 'a']; a.sort(); a"));
        assertEquals("[-1.5, 0.5, 2.0]", eval("let a = [2.0, -1.5, 0.5]; a.sort(); a"));
        assertEquals("[1.0, 2.0, NaN]", eval("let a = [2.0, 0.0 / 0.0, 1.0]; a.sort(); a"));
        assertEquals("[[3, 1, 2], [1, 2, 3]]", eval("let a = [3, 1, 2]; let b = a.order(); [a, b]"));
        assertEquals("[3, 2, 1]", eval("[1, 3, 2].order_by(|x, y| y - x)"));
        assertEquals("ErrorFunctionNotFound", error("let a = [3, 1.5]; a.sort()"));
        assertEquals("ErrorFunctionNotFound", error("let a = [[1], [2]]; a.sort()"));
        assertEquals("[1, 2, 1]", eval("let a = [1, 1, 2, 2, 1]; a.dedup(); a"));
        assertEquals("[11, 21, 35]", eval("let a = [11, 12, 21, 35, 39]; a.dedup(|p, c| p / 10 == c / 10); a"));
    }
}
