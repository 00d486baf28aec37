package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The kv host API in the real distribution on PostgreSQL: a visit counter over {@code /fn} that loses no increment
 * under concurrent clients, compare-and-set races with one winner, expiry seen by a script, values kept across a
 * restart of the kv bundle, expired rows purged, the REST routes with their role checks and the shell commands.
 */
public class KvIT extends PicloudTestSupport {
    private static final Duration BOOT = Duration.ofSeconds(90);

    /** A small keys-per-namespace limit, which the REST routes (manager) keep to as the scripts' kv does. */
    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut("etc/io.picloud.host.kv.cfg", "maxKeysPerNamespace", "3")};
    }

    @Before
    public void platformUp() throws Exception {
        awaitReady();
        await("the /fn endpoint", BOOT, () -> get("/fn/no-such-script").statusCode() == 404);
    }

    private void deploy(String name, String source) throws Exception {
        HttpResponse<String> r = call("PUT", "/api/v1/scripts/" + name, "text/plain; charset=utf-8", source);
        assertTrue(r.statusCode() + " " + r.body(), r.statusCode() == 201 || r.statusCode() == 200);
    }

    private String fn(String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        assertEquals(pathAndQuery + ": " + r.body(), 200, r.statusCode());
        return r.body();
    }

    private <T> List<T> concurrently(int threads, List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks, 120, TimeUnit.SECONDS)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void aVisitCounterLosesNoIncrementAndSurvivesABundleRestart() throws Exception {
        deploy("visits", "let n = kv::incr(\"visits\");\n#{ visits: n }");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            clients.add(() -> {
                for (int i = 0; i < 500; i++) {
                    seen.add(jsonField(fn("/fn/visits"), "visits"));
                }
                return null;
            });
        }
        concurrently(8, clients);
        assertEquals("every answer a different count", 4000, seen.size());
        assertTrue(seen.contains("4000"));
        HttpResponse<String> stored = call("GET", "/api/v1/kv/visits/visits", null, null);
        assertEquals(stored.body(), "4000", jsonField(stored.body(), "value"));

        Bundle kv = bundle("io.picloud.host.kv");
        kv.stop();
        kv.start();
        await("kv::incr after the kv bundle's restart", BOOT, () -> get("/fn/visits").body().contains("4001"));
        assertEquals("{\"visits\":4002}", fn("/fn/visits"));
    }

    @Test
    public void ofConcurrentCasWithOneExpectedValueExactlyOneWins() throws Exception {
        deploy("claim", "#{ won: kv::cas(\"slot\", 0, request.query.who) }");
        for (int round = 0; round < 3; round++) {
            HttpResponse<String> reset = call("PUT", "/api/v1/kv/claim/slot", JSON, "0");
            assertEquals(reset.body(), 200, reset.statusCode());
            List<Callable<String>> claims = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String who = "c" + i;
                claims.add(() -> fn("/fn/claim?who=" + who));
            }
            List<String> answers = concurrently(12, claims);
            assertEquals(answers.toString(), 1, answers.stream().filter(a -> a.contains("true")).count());
            String winner = jsonField(call("GET", "/api/v1/kv/claim/slot", null, null).body(), "value");
            assertTrue(winner, winner.matches("c\\d+"));
        }
    }

    @Test
    public void anExpiredKeyIsGoneForTheScriptAndErrorsAreCatchable() throws Exception {
        deploy("ttl", "if request.query.set == \"1\" { kv::set(\"t\", \"here\", 0.5); }\nkv::get(\"t\", \"gone\")");
        assertEquals("here", fn("/fn/ttl?set=1"));
        await("the key to expire", Duration.ofSeconds(10), () -> "gone".equals(get("/fn/ttl").body()));
        if (!"embedded".equals(databaseUrl())) {
            await("the purger to delete the expired row", Duration.ofSeconds(10), () -> rows("ttl") == 0);
        }

        deploy("bad", "let r = \"stored\";\ntry { kv::set(\"k\", blob(2)); } catch (e) { r = e; }\nr");
        String caught = fn("/fn/bad");
        assertTrue(caught, caught.contains("\"error\":\"NotJson\"") && caught.contains("\"function\":\"kv::set\""));
        deploy("nan", "kv::set(\"n\", \"x\"); kv::incr(\"n\")");
        HttpResponse<String> uncaught = get("/fn/nan");
        assertEquals(500, uncaught.statusCode());
        assertTrue(uncaught.body(), uncaught.body().contains("not an integer"));
    }

    @Test
    public void restReadsForViewersAndWritesForWhoMayChangeTheScript() throws Exception {
        TestUser dev = createUser("developer");
        TestUser other = createUser("developer");
        TestUser viewer = createUser("viewer");
        HttpResponse<String> created = callWith(dev.key(), "PUT", "/api/v1/scripts/cart", "text/plain",
                "kv::get(\"items/1\")");
        assertEquals(created.body(), 201, created.statusCode());

        HttpResponse<String> put = callWith(dev.key(), "PUT", "/api/v1/kv/cart/items%2F1?ttl=3600", JSON,
                "{\"sku\":\"x\",\"n\":2,\"price\":1.0}");
        assertEquals(put.body(), 200, put.statusCode());
        assertEquals("items/1", jsonField(put.body(), "key"));
        assertEquals("the script sees what REST wrote, FLOAT kept", "{\"n\":2,\"price\":1.0,\"sku\":\"x\"}",
                fn("/fn/cart"));

        HttpResponse<String> read = callWith(viewer.key(), "GET", "/api/v1/kv/cart/items%2F1", null, null);
        assertEquals(read.body(), 200, read.statusCode());
        HttpResponse<String> list = callWith(viewer.key(), "GET", "/api/v1/kv/cart?prefix=items%2F", null, null);
        assertTrue(list.body(), list.body().contains("\"key\":\"items/1\""));
        assertEquals(403, callWith(viewer.key(), "PUT", "/api/v1/kv/cart/x", JSON, "1").statusCode());
        assertEquals(403, callWith(other.key(), "PUT", "/api/v1/kv/cart/x", JSON, "1").statusCode());
        assertEquals(403, callWith(other.key(), "DELETE", "/api/v1/kv/cart/items%2F1", null, null).statusCode());
        assertEquals(404, callWith(viewer.key(), "GET", "/api/v1/kv/nobody-uses-this", null, null).statusCode());
        await("the picloud kv commands", BOOT, () -> executeCommand("picloud:kv-keys cart").contains("items/1"));
        String shown = executeCommand("picloud:kv-get cart items/1");
        assertTrue(shown, shown.contains("\"price\": 1.0") && shown.contains("expires  20"));
        assertEquals(204, callWith(dev.key(), "DELETE", "/api/v1/kv/cart/items%2F1", null, null).statusCode());
        assertEquals(404, callWith(dev.key(), "GET", "/api/v1/kv/cart/items%2F1", null, null).statusCode());
        assertEquals(204, get("/fn/cart").statusCode());

        deploy("full", "let r = ();\ntry { kv::set(request.query.k, 1); } catch (e) { r = e.error; }\nr");
        for (String k : new String[] {"a", "b", "c"}) {
            assertEquals(200, call("PUT", "/api/v1/kv/full/" + k, JSON, "1").statusCode());
        }
        HttpResponse<String> full = call("PUT", "/api/v1/kv/full/d", JSON, "1");
        assertEquals(full.body(), 409, full.statusCode());
        assertTrue(full.body(), full.body().contains("too_many_keys"));
        assertEquals("TooManyKeys", fn("/fn/full?k=d"));
        assertEquals(204, get("/fn/full?k=a").statusCode());
    }

    /** The rows of a kv namespace in the database, expired ones too. */
    private long rows(String namespace) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(databaseUrl());
        ds.setUser("postgres");
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM kv_entries WHERE namespace = ?")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
