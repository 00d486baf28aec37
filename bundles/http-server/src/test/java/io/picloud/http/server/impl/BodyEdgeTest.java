package io.picloud.http.server.impl;

import io.picloud.http.api.BodyTooLargeException;
import io.picloud.http.api.HttpEndpoint;
import org.junit.After;
import org.junit.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Request bodies through real sockets: a 413 (or any answer that did not read the body) reaches a client that
 * writes its whole body before reading; a body trickled in is cut off with a 408; requests waiting for their bodies
 * cannot take every worker, and others are still served meanwhile.
 */
public class BodyEdgeTest {
    private static final int LIMIT = 1 << 20;
    private static final byte[] TWO_MIB = new byte[2 << 20];

    private TestHttpServer server;
    private final AtomicInteger bodiesRead = new AtomicInteger();

    @After
    public void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private void start(Map<String, Object> settings) throws Exception {
        server = TestHttpServer.configured(settings)
                // as /fn does: the body read with a limit, a 413 answered by the endpoint
                .and("/fn", exchange -> {
                    byte[] body;
                    try {
                        body = exchange.body(LIMIT);
                    } catch (BodyTooLargeException e) {
                        exchange.respond(413, Map.of(), "application/json",
                                "{\"error\":{\"code\":\"payload_too_large\"}}".getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    bodiesRead.incrementAndGet();
                    exchange.respond(200, Map.of(), "text/plain", Integer.toString(body.length)
                            .getBytes(StandardCharsets.UTF_8));
                })
                // the exception left to the server, which answers the 413
                .and("/thrown", exchange -> exchange.body(LIMIT))
                .and("/hello", exchange -> exchange.respond(200, Map.of(), "text/plain",
                        "hello".getBytes(StandardCharsets.UTF_8)));
    }

    private static String post(String path, int length) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + length + "\r\n\r\n";
    }

    @Test(timeout = 120_000)
    public void a413ReachesAClientThatWritesTheWholeBodyBeforeReading() throws Exception {
        start(Map.of());
        for (int i = 0; i < 30; i++) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.send(post("/fn/x", TWO_MIB.length));
                http.send(TWO_MIB); // a broken pipe here is the bug
                String answer = http.readAnswer();
                assertTrue(i + ": " + answer, answer.startsWith("HTTP/1.1 413"));
                assertTrue(answer, answer.contains("\"payload_too_large\""));
            }
        }
        for (String path : new String[] {"/thrown", "/nothing-here"}) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.send(post(path, TWO_MIB.length));
                http.send(TWO_MIB);
                String answer = http.readAnswer();
                assertTrue(path + ": " + answer, answer.startsWith(path.equals("/thrown") ? "HTTP/1.1 413"
                        : "HTTP/1.1 404"));
                assertTrue(answer, RawHttp.body(answer).startsWith("{\"error\":{\"code\":"));
            }
        }
        assertEquals(0, bodiesRead.get());
    }

    @Test(timeout = 120_000)
    public void theAnswerGoesOutFirstAndTheRestOfTheBodyIsReadBeforeTheConnectionCloses() throws Exception {
        start(Map.of());
        try (RawHttp http = new RawHttp(server.port())) {
            http.send(post("/fn/x", TWO_MIB.length));
            http.send(new byte[64 * 1024]);
            String answer = http.readAnswer(); // before the body is whole: the limit is declared
            assertTrue(answer, answer.startsWith("HTTP/1.1 413"));
            assertTrue(answer, answer.contains("Connection: close"));
            http.send(new byte[TWO_MIB.length - 64 * 1024]); // still read: no broken pipe
            assertEquals("then a clean close, no reset", "", http.readUntilClosed());
        }
    }

    @Test(timeout = 120_000)
    public void aChunkedBodyOverTheLimitGets413Too() throws Exception {
        start(Map.of());
        byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 10; i++) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.send("POST /fn/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
                for (int sent = 0; sent < TWO_MIB.length; sent += 0x10000) {
                    http.send(chunk);
                }
                http.send("0\r\n\r\n");
                String answer = http.readAnswer();
                assertTrue(i + ": " + answer, answer.startsWith("HTTP/1.1 413"));
            }
        }
    }

    @Test(timeout = 120_000)
    public void aBodyBeyondTheDiscardBoundIsNotReadToItsEnd() throws Exception {
        start(Map.of("maxDiscardBytes", 1L << 20));
        long declared = 256L << 20;
        long written = 0;
        try (RawHttp http = new RawHttp(server.port())) {
            http.send(post("/fn/x", (int) declared));
            try {
                while (written < declared) {
                    http.send(TWO_MIB);
                    written += TWO_MIB.length;
                }
            } catch (IOException e) {
                // closed: expected
            }
        }
        assertTrue("the server closed the connection after " + written + " bytes", written < declared);
    }

    @Test(timeout = 120_000)
    public void aTrickledBodyIsCutOffWith408() throws Exception {
        start(Map.of("bodyReadTimeoutMillis", 1000L));
        try (RawHttp http = new RawHttp(server.port())) {
            http.send(post("/fn/x", 10_000));
            // one byte at a time, each long before Jetty's idle timeout: only the body read timeout ends it
            for (int i = 0; i < 10_000 && !http.hasInput(); i++) {
                http.send("x");
                Thread.sleep(50);
            }
            String answer = http.readUntilClosed();
            assertTrue(answer, answer.startsWith("HTTP/1.1 408"));
            assertTrue(answer, RawHttp.body(answer).startsWith("{\"error\":{\"code\":\"timeout\""));
        }
        assertEquals(0, bodiesRead.get());
        try (RawHttp http = new RawHttp(server.port())) { // and the server serves on
            http.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(http.readAnswer().endsWith("hello"));
        }
    }

    @Test(timeout = 120_000)
    public void tricklingClientsCannotHoldEveryWorker() throws Exception {
        // more trickling clients than the server has worker threads (16): without the cap, they would take them all
        start(Map.of("maxConcurrentBodyReads", 2, "bodyReadTimeoutMillis", 600_000L));
        List<RawHttp> slow = new ArrayList<>();
        ExecutorService readers = Executors.newCachedThreadPool();
        try {
            LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
            for (int i = 0; i < 24; i++) {
                RawHttp http = new RawHttp(server.port());
                slow.add(http);
                http.send(post("/fn/x", 1000) + "{");
                readers.execute(() -> {
                    try {
                        answers.add(http.readUntilClosed());
                    } catch (IOException | AssertionError e) {
                        answers.add("closed: " + e);
                    }
                });
            }
            // the two that got a place wait for their bodies; every other is refused at once
            for (int i = 0; i < slow.size() - 2; i++) {
                String answer = answers.take();
                assertTrue(answer, answer.startsWith("HTTP/1.1 503"));
                assertTrue(answer, answer.contains("Retry-After: 1"));
                assertTrue(answer, RawHttp.body(answer).startsWith("{\"error\":{\"code\":\"busy\""));
            }
            // while the two still trickle, others are served: without a body, and with one that came whole
            try (RawHttp http = new RawHttp(server.port())) {
                http.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(http.readAnswer().endsWith("hello"));
                http.send(post("/fn/x", 2) + "{}");
                assertTrue(http.readAnswer().endsWith("\r\n\r\n2"));
            }
            assertTrue("the two still wait for their bodies: " + answers, answers.isEmpty());
            assertEquals(1, bodiesRead.get());
        } finally {
            for (RawHttp http : slow) {
                http.close();
            }
            readers.shutdownNow();
        }
    }
}
