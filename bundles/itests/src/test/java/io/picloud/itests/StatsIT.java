package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;

/**
 * What the dashboard's scripts list, charts, trigger and system pages read, on the real distribution: calls of a
 * script counted by PostgreSQL in hourly and per-minute buckets (every bucket present), the next fire times of a
 * cron binding in its time zone from the cron plugin, the 422 of a preview with an invalid schedule, and this
 * container listed as an up node with both roles.
 */
public class StatsIT extends PicloudTestSupport {
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern BUCKET = Pattern.compile("\\{\"start\":\"([^\"]+)\",\"calls\":(\\d+),"
            + "\"errors\":(\\d+)(?:,\"p50Us\":(null|\\d+),\"p99Us\":(null|\\d+))?}");

    @Before
    public void platformUp() throws Exception {
        awaitReady();
        await("the /fn endpoint", BOOT, () -> get("/fn/no-such-script").statusCode() == 404);
    }

    private record Bucket(Instant start, long calls, long errors, String p50, String p99) {
    }

    private static List<Bucket> buckets(String json) {
        List<Bucket> out = new ArrayList<>();
        Matcher m = BUCKET.matcher(json);
        while (m.find()) {
            out.add(new Bucket(Instant.parse(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    m.group(4), m.group(5)));
        }
        return out;
    }

    /** The object of one script in {@code GET /stats/scripts}. */
    private String scriptStats(String name) throws Exception {
        HttpResponse<String> r = call("GET", "/api/v1/stats/scripts", null, null);
        assertEquals(r.body(), 200, r.statusCode());
        Matcher m = Pattern.compile("\\{\"name\":\"" + name + "\",.*?\"hourly\":\\[[^]]*]}").matcher(r.body());
        assertTrue(r.body(), m.find());
        return m.group();
    }

    @Test
    public void callsAreCountedInTheirBuckets() throws Exception {
        String name = "stats-" + randomHex(3);
        HttpResponse<String> deployed = call("PUT", "/api/v1/scripts/" + name, "text/plain",
                "if request.query.contains(\"fail\") { throw \"asked to fail\"; }\n\"ok\"");
        assertEquals(deployed.body(), 201, deployed.statusCode());
        assertTrue(scriptStats(name).contains("\"calls\":0,\"errors\":0,\"lastCall\":null"));
        Instant before = Instant.now();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("/fn/" + name).statusCode());
        }
        assertEquals(500, get("/fn/" + name + "?fail=1").statusCode());

        await("the four calls in the 24 hours' stats", WAIT,
                () -> scriptStats(name).contains("\"calls\":4,\"errors\":1"));
        String stats = scriptStats(name);
        Instant lastCall = Instant.parse(jsonField(stats, "lastCall"));
        assertTrue(lastCall + " after " + before, !lastCall.isBefore(before.truncatedTo(ChronoUnit.MILLIS)));
        List<Bucket> hourly = buckets(stats);
        assertEquals(24, hourly.size());
        assertEquals(Duration.ofHours(23), Duration.between(hourly.get(0).start(), hourly.get(23).start()));
        Instant lastHour = lastCall.truncatedTo(ChronoUnit.HOURS);
        assertTrue(hourly.toString(), hourly.stream().anyMatch(b -> b.start().equals(lastHour) && b.calls() >= 1));
        assertEquals(4, hourly.stream().mapToLong(Bucket::calls).sum());

        HttpResponse<String> hour = call("GET", "/api/v1/stats/timeseries?script=" + name + "&range=hour", null,
                null);
        assertEquals(hour.body(), 200, hour.statusCode());
        assertTrue(hour.body(), hour.body().startsWith("{\"script\":\"" + name + "\",\"range\":\"hour\","
                + "\"bucketSeconds\":60,"));
        List<Bucket> minutes = buckets(hour.body());
        assertEquals(60, minutes.size());
        assertEquals(4, minutes.stream().mapToLong(Bucket::calls).sum());
        assertEquals(1, minutes.stream().mapToLong(Bucket::errors).sum());
        for (Bucket b : minutes) {
            assertEquals(b.toString(), b.calls() == 0, "null".equals(b.p50()) && "null".equals(b.p99()));
        }

        HttpResponse<String> day = call("GET", "/api/v1/stats/timeseries?range=day", null, null);
        assertEquals(day.body(), 200, day.statusCode());
        assertTrue(day.body(), day.body().startsWith("{\"script\":null,\"range\":\"day\",\"bucketSeconds\":900,"));
        List<Bucket> quarters = buckets(day.body());
        assertEquals(96, quarters.size());
        assertTrue(quarters.stream().mapToLong(Bucket::calls).sum() >= 4);
        assertEquals(400, call("GET", "/api/v1/stats/timeseries?range=year", null, null).statusCode());
    }

    @Test
    public void nextFiresOfACronBindingInItsZone() throws Exception {
        String name = "nightly-" + randomHex(3);
        assertEquals(201, call("PUT", "/api/v1/scripts/" + name, "text/plain", "event.due").statusCode());
        HttpResponse<String> created = call("POST", "/api/v1/triggers", JSON, "{\"type\":\"cron\",\"script\":\""
                + name + "\",\"config\":{\"schedule\":\"0 9 * * *\",\"timezone\":\"Europe/Berlin\"}}");
        assertEquals(created.body(), 201, created.statusCode());
        String id = jsonField(created.body(), "id");

        HttpResponse<String> next = call("GET", "/api/v1/triggers/" + id + "/next-fires?count=3", null, null);
        assertEquals(next.body(), 200, next.statusCode());
        assertEquals("{\"timeZone\":\"Europe/Berlin\",\"fires\":" + nineInBerlin(3) + "}", next.body());
        assertEquals("five by default", 5, fires(call("GET", "/api/v1/triggers/" + id + "/next-fires", null, null)
                .body()));

        HttpResponse<String> preview = call("POST", "/api/v1/trigger-types/cron/next-fires", JSON,
                "{\"config\":{\"schedule\":\"@every 1h\",\"timezone\":\"Asia/Tokyo\"},\"count\":2}");
        assertEquals(preview.body(), 200, preview.statusCode());
        assertTrue(preview.body(), preview.body().matches("\\{\"timeZone\":\"Asia/Tokyo\",\"fires\":"
                + "\\[\"[^\"]+T\\d\\d:00:00\\+09:00\",\"[^\"]+T\\d\\d:00:00\\+09:00\"]}"));

        HttpResponse<String> invalid = call("POST", "/api/v1/trigger-types/cron/next-fires", JSON,
                "{\"config\":{\"schedule\":\"61 * * * *\"}}");
        assertEquals(invalid.body(), 422, invalid.statusCode());
        assertEquals("invalid_config", jsonField(invalid.body(), "code"));
        assertEquals("config.schedule", jsonField(invalid.body(), "field"));
        HttpResponse<String> events = call("POST", "/api/v1/trigger-types/webhook/next-fires", JSON,
                "{\"config\":{}}");
        assertEquals(events.body(), 422, events.statusCode());
        assertEquals("not_scheduled", jsonField(events.body(), "code"));
    }

    @Test
    public void thisContainerIsAnUpNodeWithBothRoles() throws Exception {
        String version = jsonField(get("/api/v1/version").body(), "product");
        await("this container in /nodes", WAIT, () -> call("GET", "/api/v1/nodes", null, null).body()
                .contains("\"status\":\"up\""));
        String nodes = call("GET", "/api/v1/nodes", null, null).body();
        assertTrue(nodes, nodes.matches("\\{\"nodes\":\\[\\{\"node\":\"\\d+@[^\"]+\",\"roles\":\\[\"manager\","
                + "\"node\"],\"product\":\"" + Pattern.quote(version) + "\",\"startedAt\":\"[^\"]+\","
                + "\"seenAt\":\"[^\"]+\",\"status\":\"up\"}]}"));
        Instant started = Instant.parse(jsonField(nodes, "startedAt"));
        assertTrue(started + " is the JVM's start", started.isBefore(Instant.now())
                && started.isAfter(Instant.now().minus(Duration.ofHours(1))));
    }

    /** The next {@code count} 09:00 in Berlin, as the API writes them (the offset of each day). */
    private static String nineInBerlin(int count) {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZonedDateTime t = ZonedDateTime.now(berlin).with(LocalTime.of(9, 0));
        if (!t.isAfter(ZonedDateTime.now(berlin))) {
            t = t.plusDays(1);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add("\"" + OffsetDateTime.from(t.plusDays(i).with(LocalTime.of(9, 0)))
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\"");
        }
        return "[" + String.join(",", out) + "]";
    }

    private static int fires(String json) {
        Matcher m = Pattern.compile("\"\\d{4}-\\d\\d-\\d\\dT").matcher(json);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
