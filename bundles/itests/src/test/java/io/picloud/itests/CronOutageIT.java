package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.picloud.api.Run;
import io.picloud.api.RunQuery;
import io.picloud.api.RunStore;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * Cron while the database comes and goes (docs/triggers.md, "Firing and the run queue"): the distribution's database
 * goes through ManagerOutageIT's TCP proxy. A {@code missed: once} binding every 5 s; the proxy is cut over two due
 * times and restored: without a reopen, exactly one of the due times missed meanwhile runs, the latest, with
 * {@code event.missed = true}, and the schedule goes on.
 */
public class CronOutageIT extends PicloudTestSupport {
    private static final String PROP_PROXY_PORT = "picloud.it.cronProxyPort";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration OUTAGE = Duration.ofSeconds(12);
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    @Override
    protected Option[] extraOptions() {
        return ManagerOutageIT.proxiedDatabase(PROP_PROXY_PORT);
    }

    @Test
    public void aDueTimeMissedWhileTheDatabaseIsAwayRunsOnceWhenItIsBack() throws Exception {
        try (ManagerOutageIT.Proxy proxy = new ManagerOutageIT.Proxy(Integer.getInteger(PROP_PROXY_PORT), PG_HOST,
                PG_PORT)) {
            awaitReady();
            RunStore runs = awaitService(RunStore.class, null, WAIT);
            String script = "catch-up-" + randomHex(3);
            HttpResponse<String> put = call("PUT", "/api/v1/scripts/" + script, "text/plain",
                    "#{due: event.due, missed: event.missed}");
            assertEquals(put.body(), 201, put.statusCode());
            HttpResponse<String> created = call("POST", "/api/v1/triggers", JSON, "{\"type\":\"cron\",\"script\":\""
                    + script + "\",\"config\":{\"schedule\":\"@every 5s\",\"missed\":\"once\"}}");
            assertEquals(created.body(), 201, created.statusCode());
            Matcher m = ID.matcher(created.body());
            assertTrue(created.body(), m.find());
            String id = m.group(1);
            await("a first run", WAIT, () -> !runs(runs, script).isEmpty());

            Instant cut = Instant.now();
            proxy.cut();
            await("two due times to pass without the database", OUTAGE.plusSeconds(5),
                    () -> Instant.now().isAfter(cut.plus(OUTAGE)));
            Instant restored = Instant.now();
            proxy.restore();
            awaitReady();

            await("the missed run to run", WAIT, () -> runs(runs, script).stream().anyMatch(CronOutageIT::missed));
            List<Run> missed = runs(runs, script).stream().filter(CronOutageIT::missed).toList();
            assertEquals("one catch-up run: " + missed, 1, missed.size());
            Instant missedDue = due(missed.get(0));
            assertTrue("the catch-up is a due time of the outage: " + missedDue + " after " + cut,
                    missedDue.isAfter(cut));
            // due times of the outage that ran on time or late: none but the catch-up (the latest missed)
            for (Run run : runs(runs, script)) {
                Instant due = due(run);
                if (due.isAfter(cut) && due.isBefore(restored)) {
                    assertEquals("due time " + due + " of the outage ran, but only " + missedDue + " may", missedDue,
                            due);
                }
            }
            long catchUp = missed.get(0).id();
            await("the catch-up run to succeed", WAIT, () -> runs.find(catchUp).map(Run::status)
                    .filter(Run.SUCCEEDED::equals).isPresent());
            Instant after = Instant.now();
            await("the schedule to go on after the outage", WAIT, () -> runs(runs, script).stream()
                    .anyMatch(r -> !missed(r) && due(r).isAfter(after)));
            System.out.println("CronOutageIT: cut at " + cut + ", restored at " + restored + ", caught up the run due at "
                    + missedDue + " (" + runs(runs, script).size() + " runs in all)");
            assertEquals(204, call("DELETE", "/api/v1/triggers/" + id, null, null).statusCode());
        }
    }

    private static List<Run> runs(RunStore runs, String script) {
        return runs.list(new RunQuery(script, null, null, null, 0, 200));
    }

    private static boolean missed(Run run) {
        return Boolean.TRUE.equals(run.payload().get("missed"));
    }

    private static Instant due(Run run) {
        return Instant.parse((String) run.payload().get("due"));
    }
}
