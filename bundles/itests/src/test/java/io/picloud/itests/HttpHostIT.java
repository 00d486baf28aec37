package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * The http host API in the real distribution: a script calls {@code http::get} on a server this test runs on
 * 127.0.0.1 (allowed by the container's {@code etc/io.picloud.host.http.cfg}), and its answer comes back through
 * /fn; 127.0.0.2, not allowed, is refused with the error map. Only loopback addresses are ever asked for.
 */
public class HttpHostIT extends PicloudTestSupport {
    private ServerSocket server;
    private final AtomicInteger served = new AtomicInteger();

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/io.picloud.host.http.cfg", "allowAddresses", "127.0.0.1/32")
        };
    }

    /** A one-answer-per-connection HTTP server on 127.0.0.1: {@code {"ok":true}} with a header. */
    @Before
    public void startServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    int last = 0;
                    int matched = 0;
                    while (matched < 4 && (last = in.read()) >= 0) {       // up to the blank line
                        matched = (last == '\r' || last == '\n') ? matched + 1 : 0;
                    }
                    byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Test: yes\r\n"
                            + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    served.incrementAndGet();
                } catch (IOException e) {
                    // closed by the test, or a client gone
                }
            }
        }, "http-host-it-server");
        t.setDaemon(true);
        t.start();
    }

    @After
    public void stopServer() throws IOException {
        server.close();
    }

    private void deploy(String name, String source) throws Exception {
        HttpResponse<String> r = call("PUT", "/api/v1/scripts/" + name, "text/plain; charset=utf-8", source);
        assertTrue(r.statusCode() + " " + r.body(), r.statusCode() == 201 || r.statusCode() == 200);
    }

    @Test
    public void aScriptGetsTheAnswerOfAnAllowedServerAndTheErrorMapOfARefusedOne() throws Exception {
        awaitReady();
        int port = server.getLocalPort();
        deploy("fetch", "let r = http::get(\"http://127.0.0.1:" + port + "/x\");\n"
                + "#{ code: r.status, ok: r.json.ok, test: r.headers[\"x-test\"], text: r.body }");
        // the http package may register a little after the REST API answers
        await("http::get through /fn", Duration.ofSeconds(30), () -> get("/fn/fetch").statusCode() == 200);
        HttpResponse<String> ok = get("/fn/fetch");
        // (not named status/body: a map with a status is answered as an HTTP response)
        assertEquals("{\"code\":200,\"ok\":true,\"test\":\"yes\",\"text\":\"{\\\"ok\\\":true}\"}", ok.body());

        deploy("refused", "let out = ();\n"
                + "try { http::get(\"http://127.0.0.2:" + port + "/x\"); } catch (e) { out = e; }\nout");
        int before = served.get();
        HttpResponse<String> refused = get("/fn/refused");
        assertEquals(refused.body(), 200, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("\"error\":\"AddressRefused\""));
        assertTrue(refused.body(), refused.body().contains("\"function\":\"http::get\""));
        assertTrue(refused.body(), refused.body().contains("127.0.0.2"));
        assertEquals(before, served.get());
    }
}
