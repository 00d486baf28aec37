package io.picloud.orchestrator.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import io.picloud.api.DatabaseStatus;
import io.picloud.api.PlatformInfo;
import io.picloud.http.api.HttpExchange;
import org.junit.Test;

public class NodeHealthEndpointTest {
    private boolean available = true;
    private int schema = 2;
    private final NodeHealthEndpoint endpoint = new NodeHealthEndpoint(event -> Optional.empty(), new DatabaseStatus() {
        @Override
        public boolean available() {
            return available;
        }

        @Override
        public String detail() {
            return "external db.example:5432/picloud";
        }
    }, new PlatformInfo() {
        @Override
        public String productVersion() {
            return "0.1.0";
        }

        @Override
        public String apiVersion() {
            return "v1";
        }

        @Override
        public int schemaVersion() {
            return schema;
        }
    });

    @Test
    public void okWhenTheDatabaseAnswersWithACurrentSchema() throws Exception {
        Answer a = call("GET", "");
        assertEquals(200, a.status);
        assertEquals("{\"status\":\"ok\",\"schema\":2}", a.body);
        assertEquals("application/json", a.contentType);
        assertEquals(200, call("HEAD", "").status);
    }

    @Test
    public void degradedWithoutDatabaseOrBeforeTheMigrationsWithoutDetails() throws Exception {
        available = false;
        Answer down = call("GET", "");
        assertEquals(503, down.status);
        assertEquals("5", down.headers.get("Retry-After"));
        assertTrue(down.body, !down.body.contains("db.example"));
        available = true;
        schema = 0;
        assertEquals(503, call("GET", "").status);
    }

    @Test
    public void onlyGetOnTheExactPath() throws Exception {
        assertEquals(405, call("POST", "").status);
        assertEquals(404, call("GET", "/x").status);
    }

    private Answer call(String method, String within) throws Exception {
        Answer answer = new Answer();
        endpoint.handle(new HttpExchange() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public String path() {
                return "/health" + within;
            }

            @Override
            public String rawPath() {
                return path();
            }

            @Override
            public String pathWithinPrefix() {
                return within;
            }

            @Override
            public String query() {
                return null;
            }

            @Override
            public String header(String name) {
                return null;
            }

            @Override
            public void forEachHeader(BiConsumer<String, String> action) {
            }

            @Override
            public String contentType() {
                return null;
            }

            @Override
            public long contentLength() {
                return 0;
            }

            @Override
            public String remoteAddress() {
                return "127.0.0.1";
            }

            @Override
            public byte[] body(long limit) {
                return new byte[0];
            }

            @Override
            public void respond(int status, Map<String, String> headers, String contentType, byte[] body) {
                answer.status = status;
                answer.headers = headers;
                answer.contentType = contentType;
                answer.body = new String(body, StandardCharsets.UTF_8);
            }
        });
        return answer;
    }

    private static final class Answer {
        int status;
        Map<String, String> headers;
        String contentType;
        String body;
    }
}
