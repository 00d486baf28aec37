package io.picloud.rhai.impl.packages;

import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiRuntimeException;
import io.picloud.rhai.RunOptions;
import org.junit.Test;

import java.util.Map;

import static io.picloud.rhai.impl.packages.ArrayPackageTest.eval;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

/** parse_json's string escapes (Rhai reads JSON with its own tokenizer: lang_core.rs, api/json.rs). */
public class JsonTest {
    private static final RhaiEngine ENGINE = RhaiEngine.builder().build();

    /** {@code kind: message} of the error a script fails with. */
    static String failure(String script) {
        try {
            Object v = ENGINE.run(ENGINE.compile("test", script), RunOptions.of(Map.of(), Limits.RHAI_DEFAULTS));
            fail("expected an error, got " + v);
            return null;
        } catch (RhaiRuntimeException e) {
            return e.kind() + ": " + e.getMessage();
        }
    }

    @Test
    public void unicodeEscapes() {
        assertEquals("\"A\u00e9\u4e2d\"", eval("parse_json(`{\"s\": \"\\u0041\\u00E9\\u4e2d\"}`).s"));
    }

    @Test
    public void badUnicodeEscapeIsAParseErrorNamingTheSequence() {
        assertEquals("ErrorParsing: Invalid escape sequence: '\\u12\"'",
                failure("parse_json(`{\"a\": \"\\u12\"}`)"));
        assertEquals("ErrorParsing: Invalid escape sequence: '\\uZ'", failure("parse_json(`{\"a\": \"\\uZZZZ\"}`)"));
        assertEquals("ErrorParsing: Invalid escape sequence: '\\u+'", failure("parse_json(`{\"a\": \"\\u+041\"}`)"));
        assertEquals("ErrorParsing: Invalid escape sequence: '\\u0'", failure("parse_json(`{\"a\": \"\\u0`)"));
    }

    @Test
    public void surrogateEscapeIsAParseError() {
        // Rhai turns each \\u into a char on its own, and a surrogate is no char
        assertEquals("ErrorParsing: Invalid escape sequence: '\\ud800'", failure("parse_json(`{\"a\": \"\\ud800\"}`)"));
    }

    @Test
    public void badEscapeCannotBeCaught() {
        // ErrorParsing is a system error in Rhai (is_catchable is false)
        assertEquals("ErrorParsing: Invalid escape sequence: '\\u1x'",
                failure("try { parse_json(`{\"a\": \"\\u1x00\"}`) } catch (e) { 0 }"));
    }
}
