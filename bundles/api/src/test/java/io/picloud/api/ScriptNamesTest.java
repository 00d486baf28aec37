package io.picloud.api;

import org.junit.Test;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class ScriptNamesTest {
    @Test
    public void lowerCaseLettersDigitsAndInnerDashesUpTo63() {
        for (String ok : new String[] {"a", "0", "hello", "hello-world", "a-", "x".repeat(63), "9lives"}) {
            assertTrue(ok, ScriptNames.isValid(ok));
        }
    }

    @Test
    public void everythingElseIsRefused() {
        for (String bad : new String[] {null, "", "-a", "Hello", "a_b", "a.b", "a/b", "x".repeat(64), "caf\u00e9", " a"}) {
            assertFalse(String.valueOf(bad), ScriptNames.isValid(bad));
        }
    }
}
