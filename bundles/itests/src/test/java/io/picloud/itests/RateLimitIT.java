package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.picloud.api.RateLimit;
import io.picloud.api.ScriptSettings;
import io.picloud.api.ScriptStore;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * Limits that protect the platform, on the real distribution: a script's rate limit on {@code /fn} and on its http
 * route, and the per-key limit of the REST API, answer 429 {@code rate_limited} with {@code Retry-After}; floods of
 * random script names and of bogus keys cost no store reads (counted by the caches' own metric sources). A script's
 * limit is set through the {@link ScriptStore} in the container (the REST settings field comes with the runs API).
 */
public class RateLimitIT extends PicloudTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The per-key limit of this container: 10 calls at once, then one every 2 s. */
    private static final int KEY_BURST = 10;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
                editConfigurationFilePut("etc/io.picloud.ratelimit.cfg", "keyPerSecond", "0.5"),
                editConfigurationFilePut("etc/io.picloud.ratelimit.cfg", "keyBurst", Integer.toString(KEY_BURST))};
    }

    @Before
    public void platformUp() throws Exception {
        awaitReady();
        await("the /fn endpoint", WAIT, () -> get("/fn/no-such-script").statusCode() == 404);
    }

    private void deploy(String name, String source) throws Exception {
        HttpResponse<String> r = call("PUT", "/api/v1/scripts/" + name, "text/plain; charset=utf-8", source);
        assertTrue(r.statusCode() + " " + r.body(), r.statusCode() == 201 || r.statusCode() == 200);
    }

    @Test(timeout = 180_000)
    public void aScriptsRateLimitAnswers429WithRetryAfterOnFn() throws Exception {
        deploy("limited", "\"ok\"");
        deploy("unlimited", "\"ok\"");
        ScriptStore store = awaitService(ScriptStore.class, null, WAIT);
        ScriptSettings settings = store.settings("limited").orElseThrow();
        assertTrue(store.updateSettings("limited", settings.withRateLimit(new RateLimit(0.5, 3))));

        int admitted = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpResponse<String> r = get("/fn/limited");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(r.body(), 200, r.statusCode());
                admitted++;
            }
        }
        assertTrue("the burst of 3 is admitted first, then a 429 comes; admitted " + admitted,
                refused != null && admitted >= 3);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElse("-1"));
        assertTrue("Retry-After " + retryAfter, retryAfter >= 1 && retryAfter <= 2);
        assertEquals("rate_limited", jsonField(refused.body(), "code"));
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

        for (int i = 0; i < 20; i++) {
            assertEquals("a script without a limit is never refused", 200, get("/fn/unlimited").statusCode());
        }

        assertTrue(store.updateSettings("limited", settings.withRateLimit(null)));
        for (int i = 0; i < 10; i++) {
            assertEquals("the limit removed, seen at the next call", 200, get("/fn/limited").statusCode());
        }
    }

    @Test(timeout = 180_000)
    public void aScriptsRateLimitAnswers429OnItsHttpRouteToo() throws Exception {
        deploy("route-limited", "\"route \" + request.params.id");
        String prefix = "/rl-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = call("POST", "/api/v1/triggers", JSON, "{\"type\":\"http\","
                + "\"script\":\"route-limited\",\"config\":{\"method\":\"GET\",\"path\":\"" + prefix + "/{id}\"}}");
        assertEquals(created.body(), 201, created.statusCode());
        await("the route to answer", WAIT, () -> get("/r" + prefix + "/1").statusCode() == 200);
        ScriptStore store = awaitService(ScriptStore.class, null, WAIT);
        ScriptSettings settings = store.settings("route-limited").orElseThrow();
        assertTrue(store.updateSettings("route-limited", settings.withRateLimit(new RateLimit(0.5, 2))));

        int admitted = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpResponse<String> r = get("/r" + prefix + "/" + i);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(r.body(), 200, r.statusCode());
                admitted++;
            }
        }
        assertTrue("the burst of 2 is admitted first, then a 429 comes; admitted " + admitted,
                refused != null && admitted >= 2);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElse("-1"));
        assertTrue("Retry-After " + retryAfter, retryAfter >= 1 && retryAfter <= 2);
        assertEquals("rate_limited", jsonField(refused.body(), "code"));
    }

    @Test(timeout = 180_000)
    public void anApiKeyBeyondItsLimitGets429OnTheRestApiAndOtherKeysDoNot() throws Exception {
        TestUser busy = createUser("developer");
        TestUser calm = createUser("developer");
        int admitted = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 4 * KEY_BURST && refused == null; i++) {
            HttpResponse<String> r = callWith(busy.key(), "GET", "/api/v1/scripts", null, null);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(r.body(), 200, r.statusCode());
                admitted++;
            }
        }
        assertTrue("the burst is admitted first, then a 429 comes; admitted " + admitted,
                refused != null && admitted >= KEY_BURST);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElse("-1"));
        assertTrue("Retry-After " + retryAfter, retryAfter >= 1 && retryAfter <= 2);
        assertEquals("rate_limited", jsonField(refused.body(), "code"));
        assertEquals(200, callWith(calm.key(), "GET", "/api/v1/scripts", null, null).statusCode());
    }

    @Test(timeout = 180_000)
    public void floodsOfRandomNamesAndBogusKeysCostNoStoreReads() throws Exception {
        deploy("real", "\"ok\"");
        assertEquals(200, get("/fn/real").statusCode());

        Map<String, Double> before = counters();
        for (int i = 0; i < 500; i++) {
            String name = "random-" + UUID.randomUUID();
            HttpResponse<String> r = i % 2 == 0 ? get("/fn/" + name)
                    : callWith(null, "POST", "/fn/" + name, "text/plain", "x");
            assertEquals(r.body(), 404, r.statusCode());
        }
        // measured before "real" is called again: the store's own NOTIFY of its deploy comes back at some point
        // and drops it from the caches, so its next call may read it once more (a read the flood did not cause)
        Map<String, Double> after = counters();
        for (String name : new String[] {"picloud_active_version_reads", "picloud_endpoint_access_owner_reads",
                "picloud_rate_limit_settings_reads"}) {
            assertTrue(name + " is reported", after.containsKey(name));
            assertEquals(name + " after 500 calls to random names", before.get(name), after.get(name));
        }
        assertEquals("a real script still answers", 200, get("/fn/real").statusCode());

        String[] bogus = new String[20];
        for (int i = 0; i < bogus.length; i++) {
            bogus[i] = "pc_bogus" + UUID.randomUUID().toString().replace("-", "");
        }
        double keyReads = counters().get("picloud_api_key_reads");
        for (int round = 0; round < 10; round++) {
            for (String key : bogus) {
                assertEquals(401, callWith(key, "GET", "/api/v1/scripts", null, null).statusCode());
            }
        }
        assertEquals("one key-store read per bogus key, then none", keyReads + bogus.length,
                counters().get("picloud_api_key_reads"), 0);
    }

    /** Every counter the container's metric sources report, summed over label sets, by name. */
    private Map<String, Double> counters() throws Exception {
        BundleContext context = bundleContext != null ? bundleContext
                : FrameworkUtil.getBundle(getClass()).getBundleContext();
        Map<String, Double> sums = new HashMap<>();
        MetricWriter writer = new MetricWriter() {
            @Override
            public void counter(String name, String help, Map<String, String> labels, double value) {
                sums.merge(name, value, Double::sum);
            }

            @Override
            public void gauge(String name, String help, Map<String, String> labels, double value) {
            }

            @Override
            public void histogram(String name, String help, Map<String, String> labels, double[] upperBounds,
                                  long[] counts, double sum, long count) {
            }
        };
        for (ServiceReference<MetricSource> ref : context.getServiceReferences(MetricSource.class, null)) {
            MetricSource source = context.getService(ref);
            try {
                source.collect(writer);
            } finally {
                context.ungetService(ref);
            }
        }
        return sums;
    }
}
