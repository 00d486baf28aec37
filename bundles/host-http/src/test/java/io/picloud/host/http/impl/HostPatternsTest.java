package io.picloud.host.http.impl;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class HostPatternsTest {

    @Test
    public void exactNamesMatchThemselvesOnly() {
        List<String> p = List.of("api.example.com");
        assertTrue(HostPatterns.matches(p, "api.example.com"));
        assertTrue(HostPatterns.matches(p, "API.Example.COM"));
        assertTrue(HostPatterns.matches(p, "api.example.com."));
        assertFalse(HostPatterns.matches(p, "example.com"));
        assertFalse(HostPatterns.matches(p, "x.api.example.com"));
        assertFalse(HostPatterns.matches(p, "api.example.com.evil.net"));
        assertFalse(HostPatterns.matches(p, "evilapi.example.com"));
    }

    @Test
    public void wildcardsMatchSubDomainsAtAnyDepthButNotTheDomain() {
        List<String> p = List.of("*.example.com");
        assertTrue(HostPatterns.matches(p, "a.example.com"));
        assertTrue(HostPatterns.matches(p, "a.b.example.com"));
        assertFalse(HostPatterns.matches(p, "example.com"));
        assertFalse(HostPatterns.matches(p, "badexample.com"));
        assertFalse(HostPatterns.matches(p, "example.com.evil.net"));
        assertFalse(HostPatterns.matches(p, ".example.com"));
    }

    @Test
    public void emptyListsAndLiterals() {
        assertFalse(HostPatterns.matches(List.of(), "example.com"));
        assertFalse(HostPatterns.matches(List.of("example.com"), ""));
        assertTrue(HostPatterns.matches(List.of("203.0.113.5"), "203.0.113.5"));
        assertTrue(HostPatterns.matches(List.of("::1"), "[::1]"));
        assertTrue(HostPatterns.matches(List.of("a.test", "*.example.com"), "x.example.com"));
    }
}
