package io.picloud.rhai.impl;

import org.junit.Test;

import java.util.List;

import static io.picloud.rhai.impl.TestSupport.eval;
import static org.junit.Assert.assertEquals;

/**
 * Rhai's char is a Unicode scalar value and strings index by char: a char above U+FFFF (an emoji, U+1F600 here)
 * is one char, not two UTF-16 units nor a string.
 */
public class CharTest {
    static final String GRIN = new String(Character.toChars(0x1F600));

    @Test
    public void literalAndTypeOutsideTheBmp() {
        assertEquals("char", eval("type_of('" + GRIN + "')"));
        assertEquals(0x1F600L, eval("'" + GRIN + "'.to_int()"));
        assertEquals(0x1F600L, eval("'\\U0001F600'.to_int()"));
        assertEquals(GRIN, eval("'" + GRIN + "'.to_string()"));
        // Rhai's debug_char (packages/string_basic.rs) gives the char alone, without quotes
        assertEquals(GRIN, eval("to_debug('" + GRIN + "')"));
    }

    @Test
    public void stringsIndexByChar() {
        String s = "\"a" + GRIN + "b\"";
        assertEquals(3L, eval(s + ".len()"));
        assertEquals("char", eval("type_of(" + s + "[1])"));
        assertEquals(GRIN, eval(s + "[1]"));
        assertEquals(GRIN, eval(s + "[-2]"));
        assertEquals("b", eval(s + "[2].to_string()"));
        assertEquals(List.of("char", "char", "char"), eval("let t = []; for c in " + s + " { t.push(type_of(c)); } t"));
        assertEquals(List.of(0x61L, 0x1F600L, 0x62L), eval("let t = []; for c in " + s + ".chars() { t.push(c.to_int()); } t"));
        assertEquals("x" + GRIN + "b", eval("let s = " + s + "; s[0] = 'x'; s"));
        assertEquals("a" + GRIN + GRIN, eval("let s = " + s + "; s[2] = '" + GRIN + "'; s"));
        assertEquals(true, eval(s + ".contains('" + GRIN + "')"));
        assertEquals(1L, eval(s + ".index_of('" + GRIN + "')"));
    }

    @Test
    public void charsJoinCompareAndSwitch() {
        String g = "'" + GRIN + "'";
        assertEquals(GRIN + "x", eval(g + " + \"x\""));
        assertEquals("x" + GRIN, eval("\"x\" + " + g));
        assertEquals("a" + GRIN, eval("'a' + " + g));
        assertEquals("s" + GRIN, eval("let s = \"s\"; s += " + g + "; s"));
        assertEquals(true, eval(g + " == " + g));
        assertEquals(false, eval(g + " == 'a'"));
        assertEquals(true, eval("'a' < " + g));
        assertEquals(2L, eval("switch " + g + " { 'a' => 1, " + g + " => 2, _ => 3 }"));
        assertEquals(List.of("a", "z", GRIN), eval("let a = [" + g + ", 'z', 'a']; a.sort(); a.map(|c| c.to_string())"));
        assertEquals(4L, eval("let b = blob(); b += " + g + "; b.len()"));
        assertEquals(GRIN, eval("max('a', " + g + ").to_string()"));
        assertEquals("a", eval("min('a', " + g + ").to_string()"));
        assertEquals(GRIN, eval(g + ".to_upper().to_string()"));
        // Rhai's format_map_as_json writes a char in its debug form (not valid JSON, as in Rhai)
        assertEquals("{\"c\":'" + GRIN + "'}", eval("#{c: " + g + "}.to_json()"));
    }
}
