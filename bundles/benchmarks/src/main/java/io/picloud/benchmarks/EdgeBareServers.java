package io.picloud.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The baselines of the HTTP edge run ({@code scripts/edge-run.sh}): plain Java on bare Jetty 12 doing the work of
 * PiCloud's four kinds of answer, one server per handler on consecutive ports, in one JVM:
 * <ul>
 *   <li>{@code port}: {@code GET /} answers {@code Hello, world!} (non-blocking handler, as /fn/hello inline);</li>
 *   <li>{@code port + 1}: {@code POST /} with a JSON body {@code {"items":[numbers]}}: parsed with Jackson, summed,
 *       answered {@code {"sum":..,"count":..}} (blocking handler: it reads a body);</li>
 *   <li>{@code port + 2}: {@code GET /r/users/{id}} answers {@code {"id":"<id>","name":"user <id>"}}
 *       (non-blocking, as an http route inline);</li>
 *   <li>{@code port + 3}: {@code POST /} verifying GitHub's {@code X-Hub-Signature-256} (HMAC-SHA256 of the body
 *       with the secret, constant-time compare; 401 when wrong), then the JSON work of {@code port + 1} (blocking).</li>
 * </ul>
 * Usage: {@code java -cp benchmarks.jar io.picloud.benchmarks.EdgeBareServers [port] [secret]}. Each connector is
 * PiCloud's: one acceptor and one selector (I/O thread) per core; blocking handlers run on Jetty's default worker
 * pool, as PiCloud hands requests with a body to its own.
 */
public final class EdgeBareServers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.UTF_8);
    private static final String USERS = "/r/users/";

    private EdgeBareServers() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        byte[] secret = (args.length > 1 ? args[1] : "edge-run-secret").getBytes(StandardCharsets.UTF_8);
        Server[] servers = {
            start(port, new Handler.Abstract.NonBlocking() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    return answer(response, callback, "text/plain; charset=utf-8", HELLO, 200);
                }
            }),
            start(port + 1, new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws IOException {
                    return answer(response, callback, "application/json", sum(body(request)), 200);
                }
            }),
            start(port + 2, new Handler.Abstract.NonBlocking() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws IOException {
                    return user(request, response, callback);
                }
            }),
            start(port + 3, new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws IOException {
                    byte[] body = body(request);
                    if (!signed(request.getHeaders().get("X-Hub-Signature-256"), secret, body)) {
                        return answer(response, callback, "application/json",
                                "{\"error\":{\"code\":\"bad_signature\"}}".getBytes(StandardCharsets.UTF_8), 401);
                    }
                    return answer(response, callback, "application/json", sum(body), 200);
                }
            }),
        };
        System.out.println("bare Jetty " + Server.getVersion() + " edge handlers listening on " + port + ".."
                + (port + 3));
        for (Server server : servers) {
            server.join();
        }
    }

    private static Server start(int port, Handler handler) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, Runtime.getRuntime().availableProcessors(),
                new HttpConnectionFactory(new HttpConfiguration()));
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        return server;
    }

    private static byte[] body(Request request) throws IOException {
        try (InputStream in = Request.asInputStream(request)) {
            return in.readAllBytes();
        }
    }

    /** {@code {"sum":..,"count":..}} of the body's {@code items}. */
    static byte[] sum(byte[] body) throws IOException {
        JsonNode items = JSON.readTree(body).path("items");
        long sum = 0;
        for (JsonNode item : items) {
            sum += item.asLong();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sum", sum);
        answer.put("count", items.size());
        return JSON.writeValueAsBytes(answer);
    }

    private static boolean user(Request request, Response response, Callback callback) throws IOException {
        String path = request.getHttpURI().getDecodedPath();
        if (path == null || !path.startsWith(USERS) || path.length() == USERS.length()
                || path.indexOf('/', USERS.length()) >= 0) {
            return answer(response, callback, "application/json",
                    "{\"error\":{\"code\":\"not_found\"}}".getBytes(StandardCharsets.UTF_8), 404);
        }
        String id = path.substring(USERS.length());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("name", "user " + id);
        return answer(response, callback, "application/json", JSON.writeValueAsBytes(answer), 200);
    }

    /** GitHub's scheme: {@code sha256=<hex HMAC-SHA256 of the body>}, compared in constant time. */
    static boolean signed(String header, byte[] secret, byte[] body) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] received;
        try {
            received = HexFormat.of().parseHex(header.substring(7).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return MessageDigest.isEqual(received, mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean answer(Response response, Callback callback, String contentType, byte[] body, int status) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
