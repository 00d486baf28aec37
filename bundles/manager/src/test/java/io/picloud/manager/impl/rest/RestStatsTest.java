package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.api.InvocationRecord;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@code /stats/scripts} and {@code /stats/timeseries} over invocations the real log wrote. */
public class RestStatsTest extends RestTeam {
    /** The runs' start: a minute back, so that the current hour and minute buckets hold them. */
    private static Instant start;

    @BeforeClass
    public static void scriptsAndRuns() throws Exception {
        assertEquals(201, api.put("/scripts/busy").key(alice).text("1").send().status());
        assertEquals(201, api.put("/scripts/quiet").key(bob).text("2").send().status());
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long before = cp.invocations.written();
        for (int i = 1; i <= 10; i++) {
            cp.invocations.record(new InvocationRecord("busy", 1, "http", start, i * 100L, i <= 2 ? "error" : "ok",
                    null, null, List.of(), 5));
        }
        cp.invocations.record(new InvocationRecord("busy", 1, "cron", start.minus(Duration.ofHours(3)), 50, "ok",
                null, null, List.of(), 5));
        cp.invocations.record(new InvocationRecord("busy", 1, "cron", start.minus(Duration.ofDays(2)), 50, "ok",
                null, null, List.of(), 5));
        for (int i = 0; i < 100 && cp.invocations.written() < before + 12; i++) {
            Thread.sleep(50);
        }
        assertEquals(before + 12, cp.invocations.written());
    }

    @Test
    public void everyReadableScriptWithItsLast24Hours() {
        Reply r = api.get("/stats/scripts").key(viewer).send();
        assertEquals(r.toString(), 200, r.status());
        JsonNode scripts = r.json().get("scripts");
        assertEquals(2, scripts.size());
        JsonNode busy = scripts.get(0);
        assertEquals("busy", busy.get("name").asText());
        assertEquals("the run of two days ago is outside", 11, busy.get("calls").asLong());
        assertEquals(2, busy.get("errors").asLong());
        assertEquals(start.toString(), busy.get("lastCall").asText());
        JsonNode hourly = busy.get("hourly");
        assertEquals(24, hourly.size());
        Instant since = Instant.parse(r.json().get("since").asText());
        assertEquals(since, Instant.parse(hourly.get(0).get("start").asText()));
        for (int i = 1; i < 24; i++) {
            assertEquals(since.plus(Duration.ofHours(i)), Instant.parse(hourly.get(i).get("start").asText()));
        }
        int hour = (int) Duration.between(since, start.truncatedTo(ChronoUnit.HOURS)).toHours(); // 23 but at xx:00
        assertEquals(10, hourly.get(hour).get("calls").asLong());
        assertEquals(2, hourly.get(hour).get("errors").asLong());
        assertEquals(1, hourly.get(hour - 3).get("calls").asLong());

        JsonNode quiet = scripts.get(1);
        assertEquals("quiet", quiet.get("name").asText());
        assertEquals(0, quiet.get("calls").asLong());
        assertTrue("never called: null", quiet.get("lastCall").isNull());
        assertEquals(24, quiet.get("hourly").size());
    }

    @Test
    public void theHourInMinutesWithPercentilesAndEmptyBuckets() {
        Reply r = api.get("/stats/timeseries?script=busy&range=hour").key(viewer).send();
        assertEquals(r.toString(), 200, r.status());
        assertEquals("busy", r.json().get("script").asText());
        assertEquals("hour", r.json().get("range").asText());
        assertEquals(60, r.json().get("bucketSeconds").asInt());
        JsonNode buckets = r.json().get("buckets");
        assertEquals(60, buckets.size());
        JsonNode mine = bucketAt(buckets, start.truncatedTo(ChronoUnit.MINUTES));
        assertEquals(10, mine.get("calls").asLong());
        assertEquals(2, mine.get("errors").asLong());
        assertEquals(550, mine.get("p50Us").asLong());
        assertEquals(991, mine.get("p99Us").asLong());
        long total = 0;
        for (JsonNode b : buckets) {
            total += b.get("calls").asLong();
            if (b.get("calls").asLong() == 0) {
                assertTrue(b.get("p50Us").isNull());
                assertTrue(b.get("p99Us").isNull());
            }
        }
        assertEquals(10, total);
    }

    @Test
    public void theDayInQuarterHoursOfEveryReadableScript() {
        Reply r = api.get("/stats/timeseries?range=day").key(viewer).send();
        assertEquals(r.toString(), 200, r.status());
        assertTrue(r.json().get("script").isNull());
        assertEquals(900, r.json().get("bucketSeconds").asInt());
        JsonNode buckets = r.json().get("buckets");
        assertEquals(96, buckets.size());
        assertEquals(Duration.ofMinutes(15), Duration.between(Instant.parse(buckets.get(0).get("start").asText()),
                Instant.parse(buckets.get(1).get("start").asText())));
        long total = 0;
        for (JsonNode b : buckets) {
            total += b.get("calls").asLong();
        }
        assertEquals(11, total);
        assertEquals("range defaults to hour", 60, api.get("/stats/timeseries").key(viewer).send().json()
                .get("buckets").size());
    }

    @Test
    public void badQueriesAndCallersAreRefused() {
        Reply week = api.get("/stats/timeseries?range=week").key(viewer).send();
        assertEquals(400, week.status());
        assertEquals("range", week.field());
        assertEquals(404, api.get("/stats/timeseries?script=nope").key(viewer).send().status());
        assertEquals(401, api.get("/stats/scripts").send().status());
        Reply key = api.post("/keys").key(alice).json("{\"name\":\"inv\",\"scripts\":[\"busy\"]}").send();
        assertEquals(key.toString(), 201, key.status());
        String invokeOnly = key.json().get("key").asText();
        assertEquals(403, api.get("/stats/scripts").key(invokeOnly).send().status());
    }

    private static JsonNode bucketAt(JsonNode buckets, Instant at) {
        for (JsonNode b : buckets) {
            if (Instant.parse(b.get("start").asText()).equals(at)) {
                return b;
            }
        }
        throw new AssertionError("no bucket at " + at + " in " + buckets);
    }
}
