package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

/**
 * Cron fires on time and exactly once across two orchestrators on one database (DESIGN.md §1, docs/triggers.md):
 * this Pax Exam container runs the default role ({@code picloud-all}: manager and node, with its trigger runtime)
 * and the test starts a second, real distribution with {@code PICLOUD_ROLE=node} on the same database. Both
 * open the same {@code @every 1s} binding; the script prints its event's due time, and the invocation log must
 * hold every due second of the measured window exactly once, each started within {@link #ON_TIME} of its due time.
 */
public class TwoNodeCronIT extends PicloudTestSupport {
    private static final Duration NODE_BOOT = Duration.ofSeconds(180);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WINDOW_SECONDS = 8;
    /** Generous for a loaded 2-core machine: measured runs start well under it (see the test's output line). */
    private static final Duration ON_TIME = Duration.ofMillis(1500);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    @Override
    protected Option[] extraOptions() {
        return NodeDistribution.options("cron-node");
    }

    @Test
    public void everyDueSecondFiresOnceAcrossTwoOrchestrators() throws Exception {
        awaitReady();
        assertTrue("this container runs a trigger runtime itself", executeCommand("feature:list -i").contains("picloud-all"));
        DataSource db = awaitService(DataSource.class, "(dataSourceName=picloud)", WAIT);
        String here = ManagementFactory.getRuntimeMXBean().getName(); // the trigger runtime's node name in claims

        String name = "cron2-" + randomHex(3);
        assertEquals(201, call("PUT", "/api/v1/scripts/" + name, "text/plain", "print(event.due); event.due").statusCode());

        try (NodeDistribution node = NodeDistribution.start()) {
            await("the node's /health", NODE_BOOT, () -> node.get("/health").statusCode() == 200);

            HttpResponse<String> created = call("POST", "/api/v1/triggers", "application/json",
                    "{\"type\":\"cron\",\"script\":\"" + name + "\",\"config\":{\"schedule\":\"@every 1s\"}}");
            assertEquals(created.body(), 201, created.statusCode());
            Matcher m = ID.matcher(created.body());
            assertTrue(created.body(), m.find());
            String id = m.group(1);
            assertActiveHere(id);

            // the node runs the binding too: with this container's cron plugin stopped, the node alone claims
            Bundle cron = bundle("io.picloud.trigger.cron");
            cron.stop();
            await("a due time claimed by the node", NODE_BOOT, () -> !claimsBy(db, id).keySet().stream()
                    .allMatch(here::equals));
            cron.start();
            assertActiveHere(id);

            // both run it: every due second of the window must fire exactly once
            Instant from = Instant.now();
            Instant to = from.plusSeconds(WINDOW_SECONDS);
            TreeSet<Instant> expected = new TreeSet<>();
            for (Instant s = from.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1); !s.isAfter(to); s = s.plusSeconds(1)) {
                expected.add(s);
            }
            await("every due second of the window in the invocation log", Duration.ofSeconds(WINDOW_SECONDS).plus(WAIT),
                    () -> dues(db, name).keySet().containsAll(expected));
            Map<String, Long> claimsInWindow = claimsBy(db, id, from, to);
            node.assertAlive();
            assertEquals(200, call("POST", "/api/v1/triggers/" + id + "/disable", null, null).statusCode());
            // let both invocation writers flush what they still hold (records are written in batches)
            int[] last = {-1};
            await("the invocation log to settle", WAIT, () -> {
                int n = invocationCount(db, name);
                boolean settled = n == last[0];
                last[0] = n;
                Thread.sleep(1000);
                return settled;
            });

            TreeMap<Instant, List<Instant>> dues = dues(db, name);
            for (Map.Entry<Instant, List<Instant>> e : dues.entrySet()) {
                assertEquals("runs due at " + e.getKey() + " (started at)", 1, e.getValue().size());
            }
            TreeSet<Instant> inWindow = new TreeSet<>(dues.navigableKeySet().subSet(from, false, to, true));
            assertEquals("due seconds fired in (" + from + ", " + to + "]; claims by node " + claimsInWindow,
                    expected, inWindow);
            assertTrue(inWindow.size() + " runs in " + WINDOW_SECONDS + " s", Math.abs(inWindow.size() - WINDOW_SECONDS) <= 1);
            Duration latest = Duration.ZERO;
            for (Instant due : inWindow) {
                Instant started = dues.get(due).get(0);
                Duration late = Duration.between(due, started);
                latest = late.compareTo(latest) > 0 ? late : latest;
                // the cron timer accepts a wake-up up to 20 ms before the due time (CronJob.wake)
                assertTrue("due " + due + " started " + started, late.toMillis() >= -20);
                assertTrue("due " + due + " started " + started, late.compareTo(ON_TIME) < 0);
            }
            System.out.println("TwoNodeCronIT: " + inWindow.size() + " runs in the window, latest start " + latest.toMillis()
                    + " ms after its due time, claims by node " + claimsInWindow);

            assertEquals(204, call("DELETE", "/api/v1/triggers/" + id, null, null).statusCode());
            assertEquals(204, call("DELETE", "/api/v1/scripts/" + name, null, null).statusCode());
        }
    }

    private void assertActiveHere(String id) throws Exception {
        await("binding " + id + " ACTIVE on this container", WAIT,
                () -> call("GET", "/api/v1/triggers/" + id, null, null).body().contains("\"status\":\"ACTIVE\""));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** Due time (the script's printed line) → the start times of its runs, from the shared invocation log. */
    private static TreeMap<Instant, List<Instant>> dues(DataSource db, String script) throws SQLException {
        TreeMap<Instant, List<Instant>> dues = new TreeMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT output->>0, started_at FROM invocations WHERE script = ? AND trigger = 'cron'")) {
            s.setString(1, script);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    dues.computeIfAbsent(Instant.parse(rs.getString(1)), k -> new ArrayList<>())
                            .add(rs.getTimestamp(2).toInstant());
                }
            }
        }
        return dues;
    }

    private static int invocationCount(DataSource db, String script) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM invocations WHERE script = ?")) {
            s.setString(1, script);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Map<String, Long> claimsBy(DataSource db, String id) throws SQLException {
        return claimsBy(db, id, Instant.EPOCH, Instant.now().plusSeconds(3600));
    }

    /** Node → claims of the binding's due times in (from, to], from {@code trigger_claims} (key {@code id@due}). */
    private static Map<String, Long> claimsBy(DataSource db, String id, Instant from, Instant to) throws SQLException {
        Map<String, Long> byNode = new HashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT claim_key, node FROM trigger_claims WHERE claim_key LIKE ?")) {
            s.setString(1, id + "@%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant due = Instant.parse(rs.getString(1).substring(id.length() + 1));
                    if (due.isAfter(from) && !due.isAfter(to)) {
                        byNode.merge(rs.getString(2), 1L, Long::sum);
                    }
                }
            }
        }
        return byNode;
    }
}
