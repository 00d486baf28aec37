package io.picloud.shell.impl;

import io.picloud.api.ScriptProblem;
import io.picloud.rhai.json.RhaiJson;
import org.junit.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

public class InvokeRequestTest {

    @Test
    public void requestMapLooksLikeTheHttpTriggers() {
        Map<String, Object> r = InvokeCommand.request("echo", "post", "{\"a\":[1,2.5]}");
        assertEquals("POST", r.get("method"));
        assertEquals("/fn/echo", r.get("path"));
        assertEquals(Map.of(), r.get("query"));
        assertEquals(Map.of(), r.get("headers"));
        assertEquals("{\"a\":[1,2.5]}", r.get("body"));
        assertEquals(Map.of("a", List.of(1L, 2.5)), r.get("json"));
        assertEquals(Map.of("name", "echo"), r.get("params"));
    }

    @Test
    public void nonJsonBodyHasNoJson() {
        assertNull(InvokeCommand.request("x", "GET", "hello").get("json"));
        assertNull(InvokeCommand.request("x", "GET", "").get("json"));
        assertNull(InvokeCommand.request("x", "GET", "{} {}").get("json"));
    }

    @Test
    public void optionsMayFollowTheName() {
        InvokeCommand c = new InvokeCommand();
        c.trailing = List.of("--method", "put", "-b", "x y");
        c.applyTrailingOptions();
        assertEquals("put", c.method);
        assertEquals("x y", c.body);
        c.trailing = List.of("--bogus", "1");
        try {
            c.applyTrailingOptions();
            org.junit.Assert.fail();
        } catch (IllegalArgumentException expected) {
            assertEquals("Unknown option --bogus (use --method or --body)", expected.getMessage());
        }
    }

    @Test
    public void valuesPrintAsJson() {
        assertEquals("{\"a\":[1,null,true,[1,255]]}",
                RhaiJson.toJson(Map.of("a", Arrays.asList(1L, null, true, new byte[]{1, (byte) 255}))));
    }

    @Test
    public void problemsShowPositionKindAndMessage() {
        assertEquals("3:9 ErrorArithmetic: Division by zero",
                Problems.format(new ScriptProblem("ErrorArithmetic", "Division by zero", 3, 9)));
        assertEquals("ErrorConcurrencyLimit: busy",
                Problems.format(new ScriptProblem("ErrorConcurrencyLimit", "busy", 0, 0)));
        assertEquals("  1:1 ErrorParsing: a\n  2:5 ErrorParsing: b", Problems.format(List.of(
                new ScriptProblem("ErrorParsing", "a", 1, 1), new ScriptProblem("ErrorParsing", "b", 2, 5))));
    }
}
