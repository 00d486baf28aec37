package io.picloud.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Deploy to first successful call: deploys a script through the manager's API, and from the moment the upload
 * starts polls {@code GET /fn/{name}} on every target (all-in-one container, cluster nodes) until it answers with
 * the new version's output; reports per target the time from the start of the upload to that first answer. Each
 * round deploys a new script, then a second version of it.
 *
 * <p>Usage: {@code DeployLatency MANAGER_BASE TOKEN ROUNDS TARGET_BASE[,TARGET_BASE...]}
 */
public final class DeployLatency {
    private static final Duration POLL_GIVE_UP = Duration.ofSeconds(30);
    private static final long POLL_PAUSE_MILLIS = 2;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI manager;
    private final String token;
    private final List<URI> targets;
    private final Map<String, List<Double>> millis = new LinkedHashMap<>();

    private DeployLatency(URI manager, String token, List<URI> targets) {
        this.manager = manager;
        this.token = token;
        this.targets = targets;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: DeployLatency MANAGER_BASE TOKEN ROUNDS TARGET_BASE[,TARGET_BASE...]");
            System.exit(2);
        }
        List<URI> targets = Arrays.stream(args[3].split(",")).map(URI::create).toList();
        DeployLatency run = new DeployLatency(URI.create(args[0]), args[1], targets);
        String nonce = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        for (int round = 0; round < Integer.parseInt(args[2]); round++) {
            String name = "deploy-latency-" + nonce + "-" + round;
            run.round("new script", name, "v1 " + round);
            run.round("new version", name, "v2 " + round);
            Thread.sleep(200);
        }
        run.report();
    }

    /** One deploy of {@code name} answering {@code text}; records the upload time and each target's first answer. */
    private void round(String kind, String name, String text) throws Exception {
        ExecutorService pollers = Executors.newFixedThreadPool(targets.size());
        try {
            long start = System.nanoTime();
            List<Future<Long>> firstAnswers = new ArrayList<>();
            for (URI target : targets) {
                firstAnswers.add(pollers.submit(() -> firstAnswer(target.resolve("/fn/" + name), text)));
            }
            HttpResponse<String> put = client.send(HttpRequest.newBuilder(manager.resolve("/api/v1/scripts/" + name))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.ofString("\"" + text + "\"")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() / 100 != 2) {
                throw new IllegalStateException("deploy failed: " + put.statusCode() + " " + put.body());
            }
            record(kind + ": upload (PUT answered)", System.nanoTime() - start);
            for (int i = 0; i < targets.size(); i++) {
                record(kind + ": first answer from " + targets.get(i), firstAnswers.get(i).get() - start);
            }
        } finally {
            pollers.shutdownNow();
        }
    }

    /** Polls until the target answers {@code text}; returns System.nanoTime() of that answer. */
    private long firstAnswer(URI uri, String text) throws Exception {
        long giveUp = System.nanoTime() + POLL_GIVE_UP.toNanos();
        HttpRequest get = HttpRequest.newBuilder(uri).GET().build();
        while (System.nanoTime() < giveUp) {
            HttpResponse<String> response = client.send(get, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && text.equals(response.body())) {
                return System.nanoTime();
            }
            Thread.sleep(POLL_PAUSE_MILLIS);
        }
        throw new IllegalStateException(uri + " did not answer '" + text + "' within " + POLL_GIVE_UP);
    }

    private void record(String what, long nanos) {
        millis.computeIfAbsent(what, k -> new ArrayList<>()).add(nanos / 1e6);
    }

    private void report() {
        millis.forEach((what, values) -> {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            System.out.printf("%s: median %.1f ms, p90 %.1f ms, max %.1f ms (%d rounds)%n", what,
                    percentile(sorted, 50), percentile(sorted, 90), sorted.get(sorted.size() - 1), sorted.size());
        });
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
