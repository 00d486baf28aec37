package io.picloud.host.http.impl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JDK HTTP server on 127.0.0.1 (an ephemeral port) for the client tests; it listens on that address only, so a
 * request the guard wrongly let through to another address fails to connect instead of reaching anything.
 */
final class LocalServer implements AutoCloseable {
    final HttpServer server;
    final int port;
    /** Bytes {@code /stream} wrote before the client went away. */
    final AtomicLong streamed = new AtomicLong();
    final AtomicInteger requests = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-server");
        t.setDaemon(true);
        return t;
    });

    LocalServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        port = server.getAddress().getPort();
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void handle(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        String path = x.getRequestURI().getPath();
        String query = x.getRequestURI().getRawQuery();
        byte[] in = x.getRequestBody().readAllBytes();
        if (path.equals("/json")) {
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.getResponseHeaders().add("X-Test", "yes");
            send(x, 200, "{\"a\":1,\"b\":[true,2.5],\"s\":\"x\"}");
        } else if (path.equals("/echo")) {
            TreeMap<String, String> h = new TreeMap<>();
            x.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            x.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            send(x, 200, x.getRequestMethod() + "\n" + h.getOrDefault("user-agent", "-") + "\n"
                    + h.getOrDefault("content-type", "-") + "\n" + h.getOrDefault("authorization", "-") + "\n"
                    + h.getOrDefault("cookie", "-") + "\n" + h.getOrDefault("x-custom", "-") + "\n"
                    + new String(in, StandardCharsets.UTF_8));
        } else if (path.equals("/missing")) {
            x.getResponseHeaders().add("Content-Type", "text/plain");
            send(x, 404, "not here");
        } else if (path.startsWith("/hops/")) {
            int n = Integer.parseInt(path.substring(6));
            x.getResponseHeaders().add("Location", n == 0 ? "/json" : "/hops/" + (n - 1));
            send(x, 302, "");
        } else if (path.equals("/to")) {
            // /to?to=URL-encoded-target[&307]
            String target = query.substring(3).split("&")[0];
            x.getResponseHeaders().add("Location", java.net.URLDecoder.decode(target, StandardCharsets.UTF_8));
            send(x, query.endsWith("&307") ? 307 : 302, "");
        } else if (path.equals("/big")) {
            x.getResponseHeaders().add("Content-Type", "application/octet-stream");
            byte[] big = new byte[2 << 20];
            x.sendResponseHeaders(200, big.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(big);
            } catch (IOException expected) {
                // the client stopped reading
            }
        } else if (path.equals("/stream")) {
            // chunked, no length announced: up to 64 MiB, counting what was written until the client went away
            x.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[16 * 1024];
            try (OutputStream out = x.getResponseBody()) {
                for (int i = 0; i < 4096; i++) {
                    out.write(chunk);
                    streamed.addAndGet(chunk.length);
                }
            } catch (IOException expected) {
                // the client aborted
            }
        } else if (path.equals("/bigheaders")) {
            x.getResponseHeaders().add("X-Big", "h".repeat(20_000));
            send(x, 200, "ok");
        } else if (path.equals("/close")) {
            x.getResponseHeaders().add("Connection", "close");
            send(x, 200, "closed");
        } else if (path.equals("/cookie")) {
            x.getResponseHeaders().add("Set-Cookie", "session=secret; Path=/");
            send(x, 200, "set");
        } else if (path.equals("/latin1")) {
            x.getResponseHeaders().add("Content-Type", "text/plain; charset=iso-8859-1");
            x.sendResponseHeaders(200, 3);
            try (OutputStream out = x.getResponseBody()) {
                out.write(new byte[] {'c', 'a', (byte) 0xe9});
            }
        } else if (path.equals("/blob")) {
            x.getResponseHeaders().add("Content-Type", "image/png");
            x.sendResponseHeaders(200, 3);
            try (OutputStream out = x.getResponseBody()) {
                out.write(new byte[] {(byte) 0x89, 'P', 'N'});
            }
        } else {
            send(x, 500, "no such test path " + path);
        }
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
