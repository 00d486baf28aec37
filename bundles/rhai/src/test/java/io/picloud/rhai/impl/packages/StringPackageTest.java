package io.picloud.rhai.impl.packages;

import org.junit.Test;

import static io.picloud.rhai.impl.packages.ArrayPackageTest.error;
import static io.picloud.rhai.impl.packages.ArrayPackageTest.eval;
import static org.junit.Assert.assertEquals;

/** MoreStringPackage against Rhai's string_more.rs: character positions, clamping, splitting, in-place edits. */
public class StringPackageTest {
    @Test
    public void subStringAndCropCountCharactersAndClamp() {
        assertEquals("\"llo\"", eval("\"hello\".sub_string(-3)"));
        assertEquals("\"he\"", eval("\"hello\".sub_string(-10, 2)"));
        assertEquals("\"\"", eval("\"hello\".sub_string(10)"));
        assertEquals("\"\"", eval("\"hello\".sub_string(1, 0)"));
        assertEquals("\"el\"", eval("\"hello\".sub_string(1..3)"));
        assertEquals("\"ell\"", eval("\"hello\".sub_string(1..=3)"));
        assertEquals("\"he\"", eval("\"hello\".sub_string(-5..2)"));
        assertEquals("\"\u00e9l\"", eval("\"h\u00e9llo\".sub_string(1, 2)"));
        assertEquals("\"el\"", eval("let s = \"hello\"; s.crop(1, 2); s"));
        assertEquals("\"lo\"", eval("let s = \"hello\"; s.crop(-2); s"));
        assertEquals("\"\"", eval("let s = \"hello\"; s.crop(10); s"));
        assertEquals("\"\"", eval("let s = \"hello\"; s.crop(1, 0); s"));
        assertEquals("\"ell\"", eval("let s = \"hello\"; s.crop(1..=3); s"));
        assertEquals("()", eval("let s = \" x \"; s.trim()"));
    }

    @Test
    public void indexOfGetSet() {
        assertEquals("2", eval("\"hello\".index_of('l')"));
        assertEquals("3", eval("\"hello\".index_of(\"l\", 3)"));
        assertEquals("3", eval("\"hello\".index_of('l', -2)"));
        assertEquals("-1", eval("\"hello\".index_of(\"l\", 5)"));
        assertEquals("-1", eval("\"\".index_of(\"\")"));
        assertEquals("0", eval("\"abc\".index_of(\"\")"));
        assertEquals("2", eval("\"\u00e9\u00e9x\".index_of('x')"));
        assertEquals("'\u00e9'", eval("\"h\u00e9llo\".get(1)"));
        assertEquals("'o'", eval("\"hello\".get(-1)"));
        assertEquals("()", eval("\"hello\".get(-6)"));
        assertEquals("()", eval("\"hello\".get(5)"));
        assertEquals("\"abz\"", eval("let s = \"abc\"; s.set(-1, 'z'); s"));
        assertEquals("\"abc\"", eval("let s = \"abc\"; s.set(5, 'q'); s.set(-4, 'q'); s"));
    }

    @Test
    public void padPopTruncateTrimRemoveReplace() {
        assertEquals("\"abxyx\"", eval("let s = \"ab\"; s.pad(5, \"xy\"); s"));
        assertEquals("\"ab--\"", eval("let s = \"ab\"; s.pad(4, '-'); s"));
        assertEquals("\"ab\"", eval("let s = \"ab\"; s.pad(1, 'x'); s"));
        assertEquals("[\"ab\", 'c']", eval("let s = \"abc\"; let c = s.pop(); [s, c]"));
        assertEquals("[\"a\", \"bc\"]", eval("let s = \"abc\"; let c = s.pop(2); [s, c]"));
        assertEquals("[\"\", \"abc\"]", eval("let s = \"abc\"; let c = s.pop(5); [s, c]"));
        assertEquals("[\"abc\", \"\"]", eval("let s = \"abc\"; let c = s.pop(0); [s, c]"));
        assertEquals("()", eval("let s = \"\"; s.pop()"));
        assertEquals("\"h\u00e9\"", eval("let s = \"h\u00e9llo\"; s.truncate(2); s"));
        assertEquals("\"\"", eval("let s = \"hello\"; s.truncate(-1); s"));
        assertEquals("\"hi\"", eval("let s = \"\u00a0 hi \t\"; s.trim(); s"));
        assertEquals("\"ba\"", eval("let s = \"banana\"; s.remove(\"an\"); s"));
        assertEquals("\"bnn\"", eval("let s = \"banana\"; s.remove('a'); s"));
        assertEquals("\"-a-b-c-\"", eval("let s = \"abc\"; s.replace(\"\", \"-\"); s"));
        assertEquals("\"aBBc\"", eval("let s = \"abc\"; s.replace('b', \"BB\"); s"));
        assertEquals("\"a1\"", eval("let s = \"a\"; s.append(1); s.append(()); s"));
        assertEquals("ErrorDataTooLarge", stringLimitError("let s = \"\"; s.pad(100, 'x'); s"));
    }

    static String stringLimitError(String script) {
        io.picloud.rhai.Limits limits = new io.picloud.rhai.Limits(0, 64, 64, 32, 10, 0, 0, 0, 0, 0,
                java.time.Duration.ZERO);
        io.picloud.rhai.RhaiEngine e = io.picloud.rhai.RhaiEngine.builder().limits(limits).build();
        try {
            e.run(e.compile("test", script), io.picloud.rhai.RunOptions.of(java.util.Map.of(), limits));
            return "no error";
        } catch (io.picloud.rhai.RhaiRuntimeException x) {
            return x.kind();
        }
    }

    @Test
    public void splitFamily() {
        assertEquals("[\"a\", \"b\", \"\", \"c\"]", eval("\"a,b,,c\".split(\",\")"));
        assertEquals("[\"\", \"a\", \"b\", \"c\", \"\"]", eval("\"abc\".split(\"\")"));
        assertEquals("[\"a\", \"b,c\"]", eval("\"a,b,c\".split(\",\", 2)"));
        assertEquals("[\"a,b,c\"]", eval("\"a,b,c\".split(',', 1)"));
        assertEquals("[\"c\", \"b\", \"a\"]", eval("\"a,b,c\".split_rev(\",\")"));
        assertEquals("[\"c\", \"a,b\"]", eval("\"a,b,c\".split_rev(',', 2)"));
        assertEquals("[\"a\", \"b\"]", eval("\"  a \u00a0b \".split()"));
        assertEquals("[\"\"]", eval("\"\".split()"));
        assertEquals("[\"hel\", \"lo\"]", eval("\"hello\".split(-2)"));
        assertEquals("[\"hello\", \"\"]", eval("\"hello\".split(0)"));
        assertEquals("[\"hello\", \"\"]", eval("\"hello\".split(10)"));
        assertEquals("[\"\", \"hello\"]", eval("\"hello\".split(-10)"));
        assertEquals("[\"abc\"]", eval("\"abc\".split(\"x\")"));
        assertEquals("[\"\"]", eval("\"\".split(\",\")"));
        assertEquals("3", eval("const x = \"a,b,c\"; x.split(\",\").len"));
    }

    @Test
    public void caseLengthsAndComparisons() {
        assertEquals("\"STRASSE\"", eval("\"stra\u00dfe\".to_upper()"));
        assertEquals("'\u00df'", eval("'\u00df'.to_upper()"));
        assertEquals("'A'", eval("'a'.to_upper()"));
        assertEquals("\"ABC\"", eval("let s = \"abc\"; s.make_upper(); s"));
        assertEquals("6", eval("\"h\u00e9llo\".bytes"));
        assertEquals("5", eval("\"h\u00e9llo\".len"));
        assertEquals("\"b\"", eval("max(\"a\", \"b\")"));
        assertEquals("'x'", eval("min('x', 'y')"));
        assertEquals("['h', '\u00e9', 'y']", eval("\"h\u00e9y\".to_chars()"));
        assertEquals("true", eval("\"abc\".contains('b')"));
        assertEquals("true", eval("\"abc\".starts_with(\"ab\") && \"abc\".ends_with('c')"));
        assertEquals("<68c3a9>", eval("\"h\u00e9\".to_blob()"));
        assertEquals("ErrorFunctionNotFound", error("\"abc\".sub_string(\"a\")"));
    }
}
