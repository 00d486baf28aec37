package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * Scripts that sleep never hold the HTTP server's I/O threads: with more calls of {@code sleep(2)} in flight than
 * the server has I/O (selector) threads, {@code GET /fn/hello} and {@code GET /api/v1/health} still answer, before
 * any of the sleeps ends, and the sleepy runs ran on workers. One script calls {@code sleep} by name (never run
 * inline, known when compiled); the other reaches it through a function pointer made from a computed name (its
 * inline run is handed over to a worker before it waits).
 */
public class InlineSafetyIT extends PicloudTestSupport {
    private static final int SELECTORS = 2;
    /** Calls of each sleepy script at once: together three times the I/O threads. */
    private static final int CALLS_EACH = 3;
    private static final String INLINE = "picloud_invocations_by_thread_total{thread=\"inline\"}";
    private static final String WORKER = "picloud_invocations_by_thread_total{thread=\"worker\"}";

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/io.picloud.http.cfg", "selectors", Integer.toString(SELECTORS))
        };
    }

    /** One sleepy call on its own connection, written at once; its answer is read by {@link #answer}. */
    private record Call(Socket socket, String script) {
    }

    @Test(timeout = 300_000)
    public void sleepingScriptsLeaveTheIoThreadsFree() throws Exception {
        awaitReady();
        deploy("sleepy", "sleep(2); \"slept\"");
        deploy("sneaky", "let f = Fn(\"sl\" + \"eep\"); f.call(2); \"slept\"");
        deploy("hello", "\"hello\"");
        ExecutorService readers = Executors.newFixedThreadPool(2 * CALLS_EACH);
        try {
            // compiled and cached: from now on each may run inline as far as the executor is concerned
            List<Future<Long>> warmUp = new ArrayList<>();
            for (String script : new String[] {"sleepy", "sneaky"}) {
                Call call = open(script);
                warmUp.add(readers.submit(() -> answer(call)));
            }
            for (Future<Long> f : warmUp) {
                f.get(120, TimeUnit.SECONDS);
            }
            assertEquals("hello", get("/fn/hello").body());
            String before = metrics();

            List<Call> calls = new ArrayList<>();
            for (int i = 0; i < CALLS_EACH; i++) {
                calls.add(open("sleepy"));
                calls.add(open("sneaky"));
            }
            // every request is written (each on its own connection) before the first call below is made
            List<Future<Long>> sleeps = new ArrayList<>();
            for (Call call : calls) {
                sleeps.add(readers.submit(() -> answer(call)));
            }
            int hellos = 3;
            long lastAnswer = 0;
            for (int i = 0; i < hellos; i++) {
                HttpResponse<String> hello = get("/fn/hello?i=" + i);
                assertEquals(hello.body(), 200, hello.statusCode());
                assertEquals("hello", hello.body());
                HttpResponse<String> health = get("/api/v1/health");
                assertEquals(health.body(), 200, health.statusCode());
                lastAnswer = System.nanoTime();
            }
            long firstSleepEnded = Long.MAX_VALUE;
            for (Future<Long> f : sleeps) {
                firstSleepEnded = Math.min(firstSleepEnded, f.get(120, TimeUnit.SECONDS));
            }
            assertTrue("/fn/hello and /api/v1/health answered only after a sleep had ended: the sleeps held the I/O "
                    + "threads", lastAnswer < firstSleepEnded);

            String after = metrics();
            double onWorkers = value(after, WORKER) - value(before, WORKER);
            double inline = value(after, INLINE) - value(before, INLINE);
            assertTrue("the sleepy runs on workers: " + onWorkers, onWorkers >= calls.size());
            assertTrue("inline runs: only the hellos, " + inline, inline <= hellos);
            assertEquals("every run counted once", calls.size() + hellos, onWorkers + inline, 0);
        } finally {
            readers.shutdownNow();
        }
    }

    private void deploy(String name, String source) throws Exception {
        HttpResponse<String> r = call("PUT", "/api/v1/scripts/" + name, "text/plain; charset=utf-8", source);
        assertTrue(r.statusCode() + " " + r.body(), r.statusCode() == 201 || r.statusCode() == 200);
    }

    /** Connects and writes the whole request; the answer is left to read. */
    private Call open(String script) throws Exception {
        Socket socket = new Socket("127.0.0.1", httpPort());
        socket.setSoTimeout(120_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /fn/" + script + " HTTP/1.1\r\nHost: 127.0.0.1:" + httpPort()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new Call(socket, script);
    }

    /** Reads the answer to the end, checks it, and returns when it ended ({@link System#nanoTime()}). */
    private static long answer(Call call) throws Exception {
        try (Socket socket = call.socket()) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(got);
            long ended = System.nanoTime();
            String text = got.toString(StandardCharsets.UTF_8);
            assertTrue(call.script() + ": " + text, text.startsWith("HTTP/1.1 200"));
            assertTrue(call.script() + ": " + text, text.contains("slept"));
            return ended;
        }
    }

    private String metrics() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(r.body(), 200, r.statusCode());
        return r.body();
    }

    /** The value of one series in the exposition; 0 when it is not there (nothing counted yet). */
    private static double value(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
