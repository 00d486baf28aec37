package io.picloud.http.server.impl;

import io.picloud.http.api.HttpEndpoint;
import io.picloud.http.api.HttpStream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** Streamed answers over the real server: asynchronous chunks, the end of the client, a slow client, a stop. */
public class JettyStreamTest {
    private final LinkedBlockingQueue<HttpStream> opened = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private JettyHttpServer server;
    private int backlog = 1 << 20;

    @Before
    public void start() throws Exception {
        server = new JettyHttpServer(JettyHttpServerTest.config());
        server.addEndpoint(exchange -> {
            HttpStream s = exchange.stream(200, Map.of("Cache-Control", "no-cache"), "text/event-stream", backlog);
            s.onClose(ended::countDown);
            opened.add(s);
        }, Map.of(HttpEndpoint.PREFIX, "/s"));
    }

    @After
    public void stop() throws Exception {
        server.stop();
    }

    @Test
    public void chunksSentFromAnotherThreadArriveInOrderAndCloseEndsTheBody() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/s")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode()); // the headers came before any chunk
        assertEquals("text/event-stream", response.headers().firstValue("content-type").orElseThrow());
        assertFalse(response.headers().firstValue("content-length").isPresent());
        HttpStream stream = opened.poll(10, TimeUnit.SECONDS);
        BufferedReader body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertTrue(stream.send("one\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("one", body.readLine());
        assertTrue(stream.send("two\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(stream.send("three\n".getBytes(StandardCharsets.UTF_8)));
        stream.close();
        assertEquals("two", body.readLine());
        assertEquals("three", body.readLine());
        assertNull(body.readLine());
        assertTrue(ended.await(10, TimeUnit.SECONDS));
        assertFalse(stream.send("late\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void theClientGoingAwayEndsTheStream() throws Exception {
        HttpStream stream;
        try (Socket socket = open()) {
            stream = opened.poll(10, TimeUnit.SECONDS);
            assertTrue(stream.send("hello\n".getBytes(StandardCharsets.UTF_8)));
        }
        // Jetty does not read a connection whose request it has read while the answer streams: the end of the
        // client is noticed when a write fails (the second after it, once the client's host answered with a reset)
        for (int i = 0; i < 100 && !ended.await(100, TimeUnit.MILLISECONDS); i++) {
            stream.send("tick\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(ended.await(1, TimeUnit.SECONDS));
        assertFalse(stream.isOpen());
    }

    @Test
    public void aClientTooSlowForTheBacklogIsDisconnected() throws Exception {
        backlog = 64 * 1024;
        try (Socket socket = open()) { // never reads
            HttpStream stream = opened.poll(10, TimeUnit.SECONDS);
            byte[] chunk = new byte[16 * 1024];
            boolean refused = false;
            for (int i = 0; i < 100_000 && !refused; i++) { // the kernel's socket buffers fill first
                refused = !stream.send(chunk);
            }
            assertTrue("a chunk beyond the backlog was refused", refused);
            assertTrue(ended.await(10, TimeUnit.SECONDS));
            assertFalse(stream.send(chunk));
        }
    }

    @Test
    public void stoppingTheServerEndsOpenStreamsAtOnce() throws Exception {
        try (Socket socket = open()) {
            HttpStream stream = opened.poll(10, TimeUnit.SECONDS);
            long start = System.nanoTime();
            server.stop();
            assertTrue(ended.await(1, TimeUnit.SECONDS));
            assertFalse(stream.isOpen());
            assertTrue("stopped within its stop timeout", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4));
        }
        server = new JettyHttpServer(JettyHttpServerTest.config()); // for stop()
    }

    /** A raw connection that asks for the stream and reads its headers. */
    private Socket open() throws Exception {
        Socket socket = new Socket("127.0.0.1", server.port());
        OutputStream out = socket.getOutputStream();
        out.write("GET /s HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        assertTrue(head.toString(), head.toString().startsWith("HTTP/1.1 200"));
        return socket;
    }
}
