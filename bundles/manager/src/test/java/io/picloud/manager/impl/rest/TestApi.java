package io.picloud.manager.impl.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.manager.impl.ControlPlane;
import io.picloud.http.api.BodyTooLargeException;
import io.picloud.http.api.HttpExchange;

/**
 * Drives the real {@link RestEndpoint} (route table, authentication, error mapping, answers) over a
 * {@link ControlPlane} with in-memory exchanges: requests are built fluently, answers read as JSON.
 */
final class TestApi {
    static final String CLIENT = "192.0.2.10";
    private final RestEndpoint endpoint;

    TestApi(ControlPlane cp, Map<String, Object> config) {
        this.endpoint = cp.endpoint(config);
    }

    TestApi(ControlPlane cp) {
        this(cp, Map.of());
    }

    Request get(String path) {
        return new Request("GET", path);
    }

    Request post(String path) {
        return new Request("POST", path);
    }

    Request put(String path) {
        return new Request("PUT", path);
    }

    Request patch(String path) {
        return new Request("PATCH", path);
    }

    Request delete(String path) {
        return new Request("DELETE", path);
    }

    Request request(String method, String path) {
        return new Request(method, path);
    }

    /** An answer: status, headers (names lower case) and the JSON body (null when empty). */
    record Reply(int status, Map<String, String> headers, JsonNode json, String text) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String code() {
            return json.path("error").path("code").asText(null);
        }

        String field() {
            return json.path("error").path("field").asText(null);
        }

        String message() {
            return json.path("error").path("message").asText("");
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    final class Request {
        private final String method;
        private final String path;
        private final String query;
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private byte[] body;
        private String remote = CLIENT;

        private Request(String method, String path) {
            this.method = method;
            int q = path.indexOf('?');
            this.path = q < 0 ? path : path.substring(0, q);
            this.query = q < 0 ? null : path.substring(q + 1);
        }

        Request key(String key) {
            return header("Authorization", "Bearer " + key);
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request json(String json) {
            headers.put("Content-Type", "application/json");
            return body(json);
        }

        Request text(String text) {
            headers.put("Content-Type", "text/plain; charset=utf-8");
            return body(text);
        }

        Request body(String text) {
            this.body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        Request from(String address) {
            this.remote = address;
            return this;
        }

        Reply send() {
            Exchange e = new Exchange(this);
            try {
                endpoint.handle(e);
            } catch (IOException ex) {
                throw new AssertionError(ex);
            }
            if (e.status == 0) {
                throw new AssertionError("no answer");
            }
            String text = e.answer == null ? "" : new String(e.answer, StandardCharsets.UTF_8);
            JsonNode json = null;
            if (!text.isEmpty()) {
                try {
                    json = Json.MAPPER.readTree(text);
                } catch (IOException ex) {
                    throw new AssertionError("not JSON: " + text, ex);
                }
            }
            return new Reply(e.status, e.answerHeaders, json, text);
        }
    }

    private static final class Exchange implements HttpExchange {
        private final Request r;
        private int status;
        private final Map<String, String> answerHeaders = new LinkedHashMap<>();
        private byte[] answer;

        Exchange(Request r) {
            this.r = r;
        }

        @Override
        public String method() {
            return r.method;
        }

        @Override
        public String path() {
            return ApiExchanges.PREFIX + r.path;
        }

        @Override
        public String rawPath() {
            return path();
        }

        @Override
        public String pathWithinPrefix() {
            return r.path;
        }

        @Override
        public String query() {
            return r.query;
        }

        @Override
        public String header(String name) {
            return r.headers.get(name);
        }

        @Override
        public void forEachHeader(BiConsumer<String, String> action) {
            r.headers.forEach(action);
        }

        @Override
        public String contentType() {
            return r.headers.get("Content-Type");
        }

        @Override
        public long contentLength() {
            return r.body == null ? 0 : r.body.length;
        }

        @Override
        public String remoteAddress() {
            return r.remote;
        }

        @Override
        public byte[] body(long limit) throws IOException {
            if (r.body == null) {
                return new byte[0];
            }
            if (r.body.length > limit) {
                throw new BodyTooLargeException(limit);
            }
            return r.body;
        }

        @Override
        public void respond(int status, Map<String, String> headers, String contentType, byte[] body) {
            if (this.status != 0) {
                throw new AssertionError("answered twice");
            }
            this.status = status;
            headers.forEach((k, v) -> answerHeaders.put(k.toLowerCase(Locale.ROOT), v));
            if (contentType != null) {
                answerHeaders.put("content-type", contentType);
            }
            this.answer = body;
        }
    }
}
