package io.picloud.host.http.impl;

import io.picloud.api.HostException;
import io.picloud.api.HostPackage;
import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiEngineBuilder;
import io.picloud.rhai.RhaiRuntimeException;
import io.picloud.rhai.RunOptions;
import java.nio.ByteBuffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Benchmark, run by hand (not a test): the cost of a script's {@code http::get} over a direct JDK
 * {@link HttpClient} call from Java, same JVM, same local server, interleaved rounds. Four ways to GET the same
 * small JSON answer from a Jetty 12 server on 127.0.0.1, one call at a time (keep-alive):
 * <ol>
 * <li>{@code jdk}: {@code java.net.http.HttpClient.send}, body as a string;</li>
 * <li>{@code jetty}: a plain Jetty 12 {@code HttpClient} (no guard), body as bytes;</li>
 * <li>{@code host}: the http host function called from Java (Jetty client, guard, answer map with parsed JSON);</li>
 * <li>{@code script}: a compiled Rhai script {@code let r = http::get(url); r.json.n} run by the engine with the
 * same host function (a fresh run, so fresh per-run state, each time).</li>
 * </ol>
 * Prints the median of the rounds' mean microseconds per call, and each one's overhead over {@code jdk}. The
 * executor's own guard around host calls (counting calls and bytes) is not in it. See docs/performance.md.
 */
public final class HttpOverheadBench {
    private HttpOverheadBench() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run();
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status);                        // also ends the servers' and clients' threads
    }

    private static void run() throws Exception {
        int calls = Integer.getInteger("calls", 2_000);
        int rounds = Integer.getInteger("rounds", 10);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        byte[] answer = "{\"n\":42,\"name\":\"bench\",\"tags\":[\"a\",\"b\"]}".getBytes(StandardCharsets.UTF_8);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.length);
                response.write(true, ByteBuffer.wrap(answer), callback);
                return true;
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + connector.getLocalPort() + "/item";

        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest jdkRequest = HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(5)).GET()
                .build();

        HttpSettings settings = HttpSettings.defaults("127.0.0.1/32").withLimits(5_000, 1 << 20, Integer.MAX_VALUE);
        OutboundHttp http = new OutboundHttp(settings, null);
        Map<String, HostPackage.Function> functions = new HashMap<>();
        new HttpHostPackage(http).register((name, arity, fn) -> functions.put(name + "/" + arity, fn));
        HostPackage.Function get = functions.get("http::get/1");

        RhaiEngineBuilder builder = RhaiEngine.builder();
        builder.registerFunction("http::get", 1, (context, arguments) -> {
            try {
                return get.call((HostPackage.Call) context.hostData(), arguments);
            } catch (HostException e) {
                throw new RhaiRuntimeException("ErrorRuntime", e.getMessage(), context.scriptName(), 0, 0, null, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        RhaiEngine engine = builder.build();
        CompiledScript script = engine.compile("bench", "let r = http::get(url); r.json.n");

        Runnable viaJdk = () -> {
            try {
                if (jdk.send(jdkRequest, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                    throw new IllegalStateException("jdk");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        Runnable viaHost = () -> {
            try {
                if (!Long.valueOf(200).equals(get.call(new TestCall(), List.of(url)) instanceof Map<?, ?> m
                        ? m.get("status") : null)) {
                    throw new IllegalStateException("host");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        Runnable viaScript = () -> {
            Object n = engine.run(script, new RunOptions(Map.of("url", url), Limits.SANDBOX, null, new TestCall()))
                    .value();
            if (!Long.valueOf(42).equals(n)) {
                throw new IllegalStateException("script: " + n);
            }
        };

        org.eclipse.jetty.client.HttpClient jetty = new org.eclipse.jetty.client.HttpClient();
        jetty.start();
        Runnable viaJetty = () -> {
            try {
                if (jetty.newRequest(url).timeout(5, java.util.concurrent.TimeUnit.SECONDS).send().getStatus() != 200) {
                    throw new IllegalStateException("jetty");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        String[] names = {"jdk", "jetty", "host", "script"};
        Runnable[] ways = {viaJdk, viaJetty, viaHost, viaScript};
        for (Runnable way : ways) {                         // warm-up
            time(way, calls * 2);
        }
        double[][] perRound = new double[ways.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int w = 0; w < ways.length; w++) {
                perRound[w][r] = time(ways[w], calls);
            }
        }
        System.out.printf("%d rounds x %d sequential calls each, interleaved; median of the rounds' means%n",
                rounds, calls);
        double base = median(perRound[0]);
        double fastestBase = Arrays.stream(perRound[0]).min().orElseThrow();
        for (int w = 0; w < ways.length; w++) {
            double m = median(perRound[w]);
            double[] sorted = perRound[w].clone();
            Arrays.sort(sorted);
            System.out.printf("%-7s median %7.1f us/call (fastest round %6.1f, slowest %6.1f)  median - jdk %+7.1f us"
                    + "  fastest - jdk's fastest %+7.1f us%n", names[w], m, sorted[0], sorted[sorted.length - 1],
                    m - base, sorted[0] - fastestBase);
        }
        jetty.stop();
        http.close();
        server.stop();
    }

    /** Mean microseconds per call of {@code calls} calls. */
    private static double time(Runnable way, int calls) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            way.run();
        }
        return (System.nanoTime() - t0) / 1_000.0 / calls;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
