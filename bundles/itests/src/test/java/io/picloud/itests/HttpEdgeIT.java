package io.picloud.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.Before;
import org.junit.Test;

/**
 * The HTTP edge on the real distribution, through raw sockets: paths that try to reach the REST API through
 * {@code /fn} with encoded slashes or dot segments are refused (400/404 JSON), never answered by {@code /api}; a
 * client that writes a 2 MiB body to a script whole before it reads gets the 413, every time.
 */
public class HttpEdgeIT extends PicloudTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Before
    public void platformUp() throws Exception {
        awaitReady();
        await("the /fn endpoint", WAIT, () -> get("/fn/no-such-script").statusCode() == 404);
    }

    @Test(timeout = 180_000)
    public void encodedSlashesAndDotSegmentsNeverReachTheApiThroughFn() throws Exception {
        String key = ownerApiKey();
        String[] attacks = {"/fn/..%2Fapi%2Fv1%2Fscripts", "/fn/%2e%2e/api/v1/scripts", "/fn/a/../../api/v1/scripts",
            "/fn/..%5Capi%5Cv1%5Cscripts", "/fn/%252e%252e%252fapi%252fv1%252fscripts", "/fn/..;/api/v1/scripts",
            "/fn%2F..%2Fapi%2Fv1%2Fscripts"};
        // the API itself answers this key with the script list
        String control = raw("GET /api/v1/scripts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(control, control.startsWith("HTTP/1.1 200"));
        for (String attack : attacks) {
            String answer = raw("GET " + attack + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                    + "\r\nConnection: close\r\n\r\n");
            assertTrue(attack + ": " + answer, answer.startsWith("HTTP/1.1 400") || answer.startsWith("HTTP/1.1 404"));
            String body = body(answer);
            assertTrue(attack + ": " + answer, body.startsWith("{\"error\":{\"code\":"));
            assertFalse(attack + ": " + answer, body.contains("java.") || body.contains("Exception"));
        }
    }

    @Test(timeout = 300_000)
    public void a413ReachesAClientThatWritesTheWholeBodyFirst() throws Exception {
        HttpResponse<String> r = call("PUT", "/api/v1/scripts/edge-echo", "text/plain; charset=utf-8",
                "\"ok\"");
        assertTrue(r.statusCode() + " " + r.body(), r.statusCode() == 201 || r.statusCode() == 200);
        await("the script", WAIT, () -> get("/fn/edge-echo").statusCode() == 200);
        byte[] body = new byte[2 << 20];
        for (int i = 0; i < 30; i++) {
            try (Socket socket = new Socket("127.0.0.1", httpPort())) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /fn/edge-echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body); // a broken pipe here is the bug
                out.flush();
                String answer = readHead(socket.getInputStream());
                assertTrue(i + ": " + answer, answer.startsWith("HTTP/1.1 413"));
            }
        }
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", httpPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException e) {
                if (answer.size() == 0) {
                    throw e;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** The status line and headers of one answer. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }

    private static String body(String answer) {
        int at = answer.indexOf("\r\n\r\n");
        return at < 0 ? "" : answer.substring(at + 4);
    }
}
