package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.picloud.api.Role;
import io.picloud.http.server.impl.TestHttpServer;
import io.picloud.manager.impl.ControlPlane;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The REST API on PiCloud's real HTTP server with a real client: what the in-memory exchanges cannot show. */
public class RestHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ControlPlane cp;
    private static TestHttpServer server;
    private static String base;

    @BeforeClass
    public static void start() throws Exception {
        cp = new ControlPlane();
        cp.user("carol", Role.DEVELOPER, "violet kettle 48 orbit");
        server = TestHttpServer.serving("/api/v1", cp.endpoint(Map.of("maxUploadBytes", 2000)));
        base = server.base() + "/api/v1";
    }

    @AfterClass
    public static void stop() throws Exception {
        server.close();
        cp.close();
    }

    @Test
    public void answersAreJsonOrEmpty() throws Exception {
        HttpResponse<String> version = send("GET", "/version", null, null, null);
        assertEquals(200, version.statusCode());
        assertTrue(version.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        HttpResponse<String> anonymous = send("GET", "/scripts", null, null, null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));

        assertEquals(201, send("PUT", "/scripts/over-http", ControlPlane.OWNER_KEY, "text/plain", "1").statusCode());
        HttpResponse<String> deleted = send("DELETE", "/scripts/over-http", ControlPlane.OWNER_KEY, null, null);
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());
    }

    @Test
    public void aLargeBodyIs413() throws Exception {
        HttpResponse<String> big = send("PUT", "/scripts/big", ControlPlane.OWNER_KEY, "text/plain", "1".repeat(5000));
        assertEquals(413, big.statusCode());
        assertTrue(big.body(), big.body().contains("payload_too_large"));
    }

    @Test
    public void theSessionCookieTravelsAsAHeader() throws Exception {
        HttpResponse<String> login = send("POST", "/session", null, "application/json",
                "{\"username\":\"carol\",\"password\":\"violet kettle 48 orbit\"}");
        assertEquals(login.body(), 200, login.statusCode());
        String cookie = login.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie, cookie.startsWith("picloud_session=") && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"));
        HttpRequest me = HttpRequest.newBuilder(URI.create(base + "/me"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build();
        HttpResponse<String> r = HTTP.send(me, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"carol\""));
    }

    private static HttpResponse<String> send(String method, String path, String key, String type, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
