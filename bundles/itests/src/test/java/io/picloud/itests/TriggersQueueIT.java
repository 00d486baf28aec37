package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.picloud.api.Run;
import io.picloud.api.RunQuery;
import io.picloud.api.RunStore;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * Trigger firings go through the run queue, in the real distribution with the real Mosquitto at 127.0.0.1:1883: an
 * MQTT message published the moment its binding (the first on a new broker connection) reads ACTIVE runs its script;
 * an MQTT message whose script fails is retried by the default policy and ends as a dead letter; cron due times
 * become queued runs that succeed. Runs are read through the {@link RunStore} service inside the container.
 */
public class TriggersQueueIT extends PicloudTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    /** A broker configuration no other binding uses: its first binding opens a new connection. */
    private static final String FRESH_BROKER = "itfresh";

    @Override
    protected Option[] extraOptions() {
        String file = "etc/io.picloud.trigger.mqtt.broker-" + FRESH_BROKER + ".cfg";
        return new Option[] {
            editConfigurationFilePut(file, "name", FRESH_BROKER),
            editConfigurationFilePut(file, "url", "tcp://127.0.0.1:1883"),
        };
    }

    @Test
    public void anMqttMessagePublishedAsSoonAsTheFirstBindingOnANewConnectionIsActiveRunsItsScript() throws Exception {
        awaitReady();
        installMqtt();
        RunStore runs = awaitService(RunStore.class, null, WAIT);
        String script = "on-first-" + randomHex(3);
        deploy(script, "\"got \" + event.payload.n");
        String topic = "picloud/it/first/" + randomHex(6);
        HttpResponse<String> created = call("POST", "/api/v1/triggers", JSON, "{\"type\":\"mqtt\",\"script\":\""
                + script + "\",\"config\":{\"topic\":\"" + topic + "\",\"qos\":1,\"broker\":\"" + FRESH_BROKER + "\"}}");
        assertEquals(created.body(), 201, created.statusCode());
        assertTrue("the create answer says the subscription is not there yet: " + created.body(),
                created.body().contains("\"status\":\"STARTING\""));
        String id = id(created);
        awaitStatus(id, "ACTIVE");
        MqttPublisher.publish(topic, "{\"n\":7}", 1);      // once, at once: nothing may be lost any more

        await("the message's run to succeed", WAIT, () -> !runs(runs, script, Run.SUCCEEDED).isEmpty());
        Run run = runs(runs, script, Run.SUCCEEDED).get(0);
        assertEquals("got 7", run.result());
        assertEquals("mqtt", run.trigger());
        assertEquals(topic, run.source());
        assertEquals(id, run.bindingId());
        assertEquals(1, runs(runs, script, null).size());
        assertEquals(204, call("DELETE", "/api/v1/triggers/" + id, null, null).statusCode());
    }

    @Test
    public void anMqttMessageWhoseScriptFailsIsRetriedAndEndsAsADeadLetter() throws Exception {
        awaitReady();
        installMqtt();
        RunStore runs = awaitService(RunStore.class, null, WAIT);
        String script = "on-fail-" + randomHex(3);
        deploy(script, "throw \"boom \" + event.payload.n");
        String topic = "picloud/it/fail/" + randomHex(6);
        String id = create("{\"type\":\"mqtt\",\"script\":\"" + script + "\",\"config\":{\"topic\":\"" + topic
                + "\",\"qos\":1}}");
        awaitStatus(id, "ACTIVE");
        MqttPublisher.publish(topic, "{\"n\":3}", 1);

        // the default policy: 3 attempts, the retries within 1 s and 2 s
        await("the run to end as a dead letter", WAIT, () -> !runs(runs, script, Run.DEAD).isEmpty());
        Run dead = runs(runs, script, Run.DEAD).get(0);
        assertEquals(3, dead.attempts());
        assertEquals(3, dead.maxAttempts());
        assertEquals(3, dead.history().size());
        for (Run.RunAttempt attempt : dead.history()) {
            assertNotNull("attempt " + attempt.attempt() + " has its error", attempt.error());
            assertTrue(attempt.error().message(), attempt.error().message().contains("boom 3"));
        }
        assertEquals("mqtt", dead.trigger());
        assertEquals(id, dead.bindingId());
        Map<?, ?> message = (Map<?, ?>) dead.payload().get("payload");
        assertEquals("the dead letter keeps the event the script saw", "3", String.valueOf(message.get("n")));
        assertEquals("one message, one run", 1, runs(runs, script, null).size());
        assertEquals(204, call("DELETE", "/api/v1/triggers/" + id, null, null).statusCode());
    }

    @Test
    public void cronDueTimesBecomeQueuedRunsThatSucceed() throws Exception {
        awaitReady();
        RunStore runs = awaitService(RunStore.class, null, WAIT);
        String script = "on-tick-" + randomHex(3);
        deploy(script, "event.due");
        String id = create("{\"type\":\"cron\",\"script\":\"" + script + "\",\"config\":{\"schedule\":\"@every 1s\"}}");
        awaitStatus(id, "ACTIVE");
        await("two cron runs to succeed", WAIT, () -> runs(runs, script, Run.SUCCEEDED).size() >= 2);
        assertEquals(200, call("POST", "/api/v1/triggers/" + id + "/disable", null, null).statusCode());
        for (Run run : runs(runs, script, Run.SUCCEEDED)) {
            assertEquals("cron", run.trigger());
            assertEquals(id, run.bindingId());
            assertEquals("the script saw the due time in its event", run.payload().get("due"), run.result());
            assertEquals(1, run.attempts());
        }
        assertEquals(204, call("DELETE", "/api/v1/triggers/" + id, null, null).statusCode());
    }

    // ---------------------------------------------------------------- helpers

    private static List<Run> runs(RunStore runs, String script, String status) {
        return runs.list(new RunQuery(script, null, status, null, 0, 100));
    }

    private void installMqtt() throws Exception {
        executeCommand("feature:install -r picloud-trigger-mqtt");
        await("the mqtt trigger type", WAIT, () -> call("GET", "/api/v1/trigger-types/mqtt", null, null)
                .statusCode() == 200);
    }

    private void deploy(String name, String source) throws Exception {
        HttpResponse<String> r = call("PUT", "/api/v1/scripts/" + name, "text/plain", source);
        assertTrue(r.body(), r.statusCode() == 201 || r.statusCode() == 200);
    }

    private String create(String binding) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/triggers", JSON, binding);
        assertEquals(r.body(), 201, r.statusCode());
        return id(r);
    }

    private static String id(HttpResponse<String> r) {
        Matcher m = ID.matcher(r.body());
        assertTrue(r.body(), m.find());
        return m.group(1);
    }

    private void awaitStatus(String id, String state) throws Exception {
        await("binding " + id + " to be " + state, WAIT, () -> call("GET", "/api/v1/triggers/" + id, null, null)
                .body().contains("\"status\":\"" + state + "\""));
    }
}
