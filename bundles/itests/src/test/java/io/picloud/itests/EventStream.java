package io.picloud.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events stream opened with a real streaming client (java.net.http), read line by line. */
final class EventStream implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final int status;
    final boolean retryAfter;
    private final InputStream body;
    private final BufferedReader lines;

    private EventStream(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.retryAfter = response.headers().firstValue("Retry-After").isPresent();
        this.body = response.body();
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** GETs {@code uri} with one header (credentials); no request timeout, since a stream stays open. */
    static EventStream open(URI uri, String header, String value) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).header(header, value).GET().build();
        return new EventStream(HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** The next event's id and data. */
    String[] nextEvent() throws IOException {
        return nextEvent(null);
    }

    /**
     * The next event (of {@code script}, when given) as its id and data; fails when none came within 60 s (the
     * stream is then closed under the blocked read).
     */
    String[] nextEvent(String script) throws IOException {
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(this::close,
                CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS));
        try {
            return read(script);
        } catch (IOException e) {
            throw new AssertionError("no event within 60 s", e);
        } finally {
            watchdog.cancel(false);
        }
    }

    private String[] read(String script) throws IOException {
        String id = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("data: ") && (script == null
                    || line.contains("\"script\":\"" + script + "\""))) {
                return new String[] {id, line.substring(6)};
            }
        }
        throw new AssertionError("the stream ended without an event");
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
