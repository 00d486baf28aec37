package io.picloud.http.script;

import io.picloud.http.api.HttpExchange;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

/** The one request-map builder that /fn, routes, webhooks and try-it share. */
public class RequestMapsTest {

    @Test
    public void targetIsTheFirstSegmentAndRestIsTheRemainder() {
        assertEquals(new RequestMaps.Target("hello", ""), RequestMaps.Target.of("/hello"));
        assertEquals(new RequestMaps.Target("hello", ""), RequestMaps.Target.of("/hello/"));
        assertEquals(new RequestMaps.Target("api", "users/42"), RequestMaps.Target.of("/api/users/42"));
        assertNull(RequestMaps.Target.of(null));
        assertNull(RequestMaps.Target.of("/"));
        assertNull(RequestMaps.Target.of("//x"));
    }

    @Test
    public void buildsEveryFieldOfTheRequestMap() {
        Map<String, Object> headers = new LinkedHashMap<>();
        RequestMaps.addHeader(headers, "Content-Type", "application/json");
        RequestMaps.addHeader(headers, "X-Trace", "a");
        RequestMaps.addHeader(headers, "x-trace", "b");
        Map<String, Object> r = RequestMaps.build("POST", "/fn/echo/a/b", "x=1&y=two%20words&x=3", headers,
                "{\"n\":5,\"f\":1.5,\"list\":[true,null,\"s\"],\"o\":{\"k\":\"v\"}}", "application/json",
                new RequestMaps.Target("echo", "a/b"));

        assertEquals("POST", r.get("method"));
        assertEquals("/fn/echo/a/b", r.get("path"));
        assertEquals(Map.of("x", "1,3", "y", "two words"), r.get("query"));
        assertEquals(Map.of("content-type", "application/json", "x-trace", "a, b"), r.get("headers"));
        assertEquals(Map.of("name", "echo", "rest", "a/b"), r.get("params"));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) r.get("json");
        assertEquals(5L, json.get("n"));
        assertEquals(1.5, json.get("f"));
        assertEquals(java.util.Arrays.asList(true, null, "s"), json.get("list"));
        assertEquals(Map.of("k", "v"), json.get("o"));
        assertEquals(List.of("n", "f", "list", "o"), List.copyOf(json.keySet()));
    }

    @Test
    public void paramsHaveNoRestWhenThePathEndsAtTheName() {
        Map<String, Object> r = RequestMaps.build("GET", "/fn/hello", null, Map.of(), "", null,
                new RequestMaps.Target("hello", ""));
        assertEquals(Map.of("name", "hello"), r.get("params"));
        assertEquals(Map.of(), r.get("query"));
        assertEquals("", r.get("body"));
        assertNull(r.get("json"));
        assertEquals(true, r.containsKey("json"));
    }

    @Test
    public void queryEdgeCases() {
        assertEquals(Map.of("flag", "", "a", "b=c"), RequestMaps.parseQuery("flag&a=b=c"));
        assertEquals(Map.of("k", "%zz"), RequestMaps.parseQuery("k=%zz"));
        assertEquals(Map.of("k", "a+b"), RequestMaps.parseQuery("k=a%2Bb"));
        assertEquals(Map.of("k", "v"), RequestMaps.parseQuery("&&k=v&"));
        assertEquals(Map.of("ü", "é"), RequestMaps.parseQuery("%C3%BC=%C3%A9"));
    }

    @Test
    public void jsonIsParsedOnlyWhenDeclaredOrUndeclaredAndLookingLikeJson() {
        assertEquals(List.of(1L, 2L), RequestMaps.parseJson("[1,2]", "application/json; charset=utf-8"));
        assertEquals(Map.of("a", 1L), RequestMaps.parseJson(" {\"a\":1}", null));
        assertEquals(Map.of("a", 1L), RequestMaps.parseJson("{\"a\":1}", "application/vnd.x+json"));
        assertEquals(42L, RequestMaps.parseJson("42", "application/json"));
        assertNull(RequestMaps.parseJson("{\"a\":1}", "text/plain"));
        assertNull(RequestMaps.parseJson("42", null));
        assertNull(RequestMaps.parseJson("{broken", "application/json"));
        assertNull(RequestMaps.parseJson("{} trailing", "application/json"));
        assertNull(RequestMaps.parseJson("", "application/json"));
    }

    @Test
    public void hugeIntegersBecomeFloats() {
        Object v = RequestMaps.parseJson("[123456789012345678901234567890]", "application/json");
        assertFalse(((List<?>) v).get(0) instanceof Long);
        assertEquals(1.2345678901234568E29, (Double) ((List<?>) v).get(0), 1e15);
    }

    @Test
    public void anExchangeBecomesTheSameMapAsItsParts() {
        FakeExchange exchange = new FakeExchange("PUT", "/r/users/7", "a=1&a=2", "text/plain; charset=ISO-8859-1",
                Map.of("Content-Type", "text/plain; charset=ISO-8859-1", "X-Up", "y"));
        Map<String, Object> r = RequestMaps.of(exchange, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1),
                Map.of("id", "7"));
        assertEquals("PUT", r.get("method"));
        assertEquals("/r/users/7", r.get("path"));
        assertEquals(Map.of("a", "1,2"), r.get("query"));
        assertEquals(Map.of("content-type", "text/plain; charset=ISO-8859-1", "x-up", "y"), r.get("headers"));
        assertEquals("caf\u00e9", r.get("body")); // decoded in the declared charset
        assertNull(r.get("json"));
        assertEquals(Map.of("id", "7"), r.get("params"));
        assertEquals("", RequestMaps.text(new byte[0], null));
        assertEquals("\u00e9", RequestMaps.text("\u00e9".getBytes(StandardCharsets.UTF_8), "text/plain; charset=nonsense"));
    }

    @Test
    public void theApiKeyComesFromTheBearerHeaderElseTheQuery() {
        assertEquals("k1", RequestMaps.apiKey(new FakeExchange("GET", "/fn/x", "key=q", null,
                Map.of("Authorization", "Bearer k1 "))));
        assertEquals("a b", RequestMaps.apiKey(new FakeExchange("GET", "/fn/x", "z=1&key=a+b", null, Map.of())));
        assertNull(RequestMaps.apiKey(new FakeExchange("GET", "/fn/x", "monkey=1", null, Map.of())));
        assertNull(RequestMaps.apiKey(new FakeExchange("GET", "/fn/x", null, null, Map.of("Authorization", "Basic x"))));
    }

    /** Just what the builder reads. */
    private record FakeExchange(String method, String path, String query, String contentType,
                                Map<String, String> headers) implements HttpExchange {
        @Override
        public String rawPath() {
            return path;
        }

        @Override
        public String pathWithinPrefix() {
            return path;
        }

        @Override
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        @Override
        public void forEachHeader(BiConsumer<String, String> action) {
            headers.forEach(action);
        }

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }

        @Override
        public byte[] body(long limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void respond(int status, Map<String, String> headers, String contentType, byte[] body) {
            throw new UnsupportedOperationException();
        }
    }
}
