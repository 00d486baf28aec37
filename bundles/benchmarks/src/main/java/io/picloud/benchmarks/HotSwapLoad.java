package io.picloud.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop HTTP load for the hot-swap run (bundles/benchmarks/scripts/hot-swap-run.sh): {@code connections}
 * threads each send GET {@code url} one after the other for {@code seconds}, and every request ends in exactly one
 * of three counts: answered (2xx), rejected (503 with Retry-After) or lost (an I/O error such as a reset or closed
 * connection, a timeout, or any other status, 404 included). Prints the counts, then the lost ones by cause, and
 * exits 0 (the script judges the figures).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.picloud.benchmarks.HotSwapLoad URL SECONDS CONNECTIONS}
 */
public final class HotSwapLoad {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpRequest request;
    private final LongAdder sent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final Map<String, AtomicLong> lostBy = new ConcurrentHashMap<>();

    private HotSwapLoad(URI url) {
        // a request waits at most this long: a hang through a swap counts as lost, not as pending forever
        request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(35)).GET().build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: HotSwapLoad URL SECONDS CONNECTIONS");
            System.exit(2);
        }
        HotSwapLoad load = new HotSwapLoad(URI.create(args[0]));
        long seconds = Long.parseLong(args[1]);
        int connections = Integer.parseInt(args[2]);
        load.run(seconds, connections);
        load.print();
    }

    private void run(long seconds, int connections) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        Thread[] threads = new Thread[connections];
        for (int i = 0; i < connections; i++) {
            threads[i] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    once();
                }
            }, "hot-swap-load-" + i);
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void once() {
        sent.increment();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                answered.increment();
            } else if (status == 503 && response.headers().firstValue("Retry-After").isPresent()) {
                rejected.increment();
            } else {
                lose("status " + status + (status == 503 ? " without Retry-After" : "") + ": " + first(response.body()));
            }
        } catch (IOException e) {
            lose(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lose("interrupted");
        }
    }

    private void lose(String cause) {
        lost.increment();
        lostBy.computeIfAbsent(cause, k -> new AtomicLong()).incrementAndGet();
    }

    private static String first(String body) {
        String line = body == null ? "" : body.strip().replace('\n', ' ');
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    private void print() {
        System.out.println("sent: " + sent.sum());
        System.out.println("answered-2xx: " + answered.sum());
        System.out.println("rejected-503: " + rejected.sum());
        System.out.println("lost: " + lost.sum());
        new TreeMap<>(lostBy).forEach((cause, n) -> System.out.println("  lost " + n.get() + " x " + cause));
    }
}
