package io.picloud.manager.impl.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.picloud.api.InvocationId;
import io.picloud.api.InvocationQuery;
import io.picloud.api.InvocationRecord;
import io.picloud.api.control.InvocationService;
import io.picloud.api.control.Principal;
import io.picloud.http.api.HttpExchange;
import io.picloud.http.api.HttpStream;

/**
 * {@code GET /invocations/stream}: each new run as a Server-Sent Event ({@code id}, {@code event: invocation},
 * {@code data: <Invocation JSON>}), and a {@code : keep-alive} comment every {@link #KEEP_ALIVE_SECONDS} so that
 * neither the server's idle timeout (30 s) nor a proxy ends a quiet stream. No thread per stream: runs arrive on
 * the invocation feed's thread and keep-alives on one shared timer; the HTTP server writes asynchronously and
 * disconnects a client more than {@link #MAX_BACKLOG_BYTES} behind. A client that comes back with
 * {@code Last-Event-ID} (EventSource does) first gets the runs it missed, at most {@link #MAX_REPLAY}.
 */
final class LiveTail implements AutoCloseable {
    static final long KEEP_ALIVE_SECONDS = 25;
    static final int MAX_BACKLOG_BYTES = 1 << 20;
    static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    /** Runs told between the watch and the stream's start wait here; more than this many are dropped. */
    static final int MAX_EARLY = 100;
    static final int MAX_REPLAY = 100;
    static final Map<String, String> HEADERS = Map.of("Cache-Control", "no-cache", "X-Accel-Buffering", "no");

    private final InvocationService invocations;
    private final ScheduledExecutorService timer;
    private final long keepAliveMillis;
    private final Set<HttpStream> open = ConcurrentHashMap.newKeySet();

    LiveTail(InvocationService invocations, long keepAliveMillis) {
        this.invocations = invocations;
        this.keepAliveMillis = keepAliveMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "picloud-live-tail");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Watches first, so that a refusal (403, 429) is an ordinary JSON answer and no run falls between the missed
     * ones and the live ones; the stream starts after. {@code lastSeen}: the id the client saw last, or null.
     */
    ApiResponse open(Principal p, String script, InvocationId lastSeen) {
        Tail tail = new Tail();
        tail.watch = invocations.watch(p, script, tail::told);
        if (lastSeen != null) {
            try {
                tail.missed(invocations.list(p, new InvocationQuery(script, null, null, null, null, null, lastSeen,
                        MAX_REPLAY, 0)));
            } catch (RuntimeException e) {
                tail.watch.close();
                throw e;
            }
        }
        return ApiResponse.streamed(tail::start);
    }

    /** Stops the keep-alives and ends the open streams (their clients reconnect to whoever serves next). */
    @Override
    public void close() {
        timer.shutdownNow();
        List.copyOf(open).forEach(HttpStream::close);
    }

    /** One event: {@code id}, {@code event} and the run as one line of JSON. */
    static byte[] event(InvocationRecord r) {
        try {
            String json = new String(Json.write(Bodies.InvocationItem.of(r)), StandardCharsets.UTF_8);
            return ("id: " + r.id() + "\nevent: invocation\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an invocation could not be written as JSON", e);
        }
    }

    private final class Tail {
        private InvocationService.Watch watch;
        private HttpStream stream;
        private List<byte[]> early = new ArrayList<>();
        private final Set<String> replayed = new HashSet<>();

        void start(HttpExchange exchange) throws java.io.IOException {
            HttpStream s;
            try {
                s = exchange.stream(200, HEADERS, "text/event-stream; charset=utf-8", MAX_BACKLOG_BYTES);
            } catch (java.io.IOException | RuntimeException e) {
                watch.close();
                throw e;
            }
            ScheduledFuture<?> keepAlive;
            try {
                keepAlive = timer.scheduleAtFixedRate(() -> s.send(KEEP_ALIVE), keepAliveMillis, keepAliveMillis,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) { // stopping
                watch.close();
                s.close();
                return;
            }
            open.add(s);
            s.onClose(() -> {
                keepAlive.cancel(false);
                watch.close();
                open.remove(s);
            });
            synchronized (this) { // sending only queues: the early runs go first, before any live one
                early.forEach(s::send);
                early = null;
                stream = s;
            }
        }

        /** The runs the client missed (newest first), sent before the live ones; none of them is sent twice. */
        synchronized void missed(List<InvocationRecord> runs) {
            List<byte[]> oldestFirst = new ArrayList<>();
            for (int i = runs.size() - 1; i >= 0; i--) {
                oldestFirst.add(event(runs.get(i)));
                replayed.add(runs.get(i).id());
            }
            early.addAll(0, oldestFirst);
        }

        void told(InvocationRecord r) {
            byte[] event = event(r);
            HttpStream s;
            synchronized (this) {
                if (replayed.contains(r.id())) {
                    return;
                }
                s = stream;
                if (s == null) {
                    if (early.size() < MAX_EARLY + MAX_REPLAY) {
                        early.add(event);
                    }
                    return;
                }
            }
            s.send(event);
        }
    }
}
