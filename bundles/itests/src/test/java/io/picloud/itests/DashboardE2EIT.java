package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * The dashboard end to end: {@code dashboard/e2e/flow.mjs} drives Debian's Chromium (playwright-core, no browser
 * download) through the dashboard this distribution serves at {@code /}, on its real PostgreSQL, from the first
 * run to the log-out (see the flow's header). Its screenshots go to {@code target/dashboard-screenshots}.
 *
 * <p>The flow runs as a node process started from inside the container, so that it sees the same PiCloud as every
 * other IT; the paths it needs are worked out in the test JVM ({@link #extraOptions()}), where the working
 * directory is this module's ({@code -Dpicloud.it.dashboardDir} names another dashboard directory).
 */
public class DashboardE2EIT extends PicloudTestSupport {
    static final String PROP_DASHBOARD_DIR = "picloud.it.dashboardDir";
    static final String PROP_SCREENSHOTS = "picloud.it.screenshots";
    static final String CHROMIUM = "/usr/bin/chromium";
    private static final int TAIL_LINES = 80;

    @Override
    protected Option[] extraOptions() {
        File module = new File(System.getProperty("user.dir"));
        String dashboard = System.getProperty(PROP_DASHBOARD_DIR,
                new File(module, "../../dashboard").toPath().normalize().toAbsolutePath().toString());
        return new Option[] {
                systemProperty(PROP_DASHBOARD_DIR).value(dashboard),
                systemProperty(PROP_SCREENSHOTS).value(new File(module, "target/dashboard-screenshots")
                        .getAbsolutePath())};
    }

    @Test(timeout = 600_000)
    public void firstRunToLogOutInChromium() throws Exception {
        assertTrue("the end-to-end test drives Debian's Chromium: apt-get install chromium",
                new File(CHROMIUM).canExecute());
        File dashboard = new File(System.getProperty(PROP_DASHBOARD_DIR));
        assertTrue("no node_modules in " + dashboard + ": build the dashboard module first (it runs npm ci)",
                new File(dashboard, "node_modules/playwright-core").isDirectory());
        awaitReady();
        HttpResponse<String> root = get("/");
        assertEquals("the dashboard is served at /", 200, root.statusCode());

        ProcessBuilder flow = new ProcessBuilder(List.of("node", "e2e/flow.mjs", uri("/").toString(), ownerApiKey(),
                System.getProperty(PROP_SCREENSHOTS)))
                .directory(dashboard)
                .redirectErrorStream(true);
        flow.environment().put("PICLOUD_E2E_CHROMIUM", CHROMIUM);
        Process process = flow.start();
        Deque<String> tail = new ArrayDeque<>();
        Thread output = new Thread(() -> stream(process, tail), "dashboard-e2e-output");
        output.start();
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // Chromium
            process.destroyForcibly();
        }
        output.join(10_000);
        synchronized (tail) {
            assertEquals("node e2e/flow.mjs failed (its last lines):\n" + String.join("\n", tail), 0,
                    process.isAlive() ? -1 : process.exitValue());
        }
    }

    /** Prints the flow's output as it comes (a line per step) and keeps its last lines for a failure message. */
    private static void stream(Process process, Deque<String> tail) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println("[dashboard e2e] " + line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            System.out.println("[dashboard e2e] output lost: " + e);
        }
    }
}
