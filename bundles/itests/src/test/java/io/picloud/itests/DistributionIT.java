package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.picloud.api.DatabaseStatus;
import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RunOptions;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.Test;
import org.osgi.framework.Bundle;

/** The distribution boots with every PiCloud bundle, its database, its HTTP API and its shell. */
public class DistributionIT extends PicloudTestSupport {

    private static final Duration BOOT = Duration.ofSeconds(60);

    @Test
    public void dataSourceServiceAnswersQueriesOnTheConfiguredDatabase() throws Exception {
        DataSource ds = awaitService(DataSource.class, "(dataSourceName=picloud)", BOOT);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), 6 * 7")) {
            assertTrue(rs.next());
            if (!"embedded".equals(databaseUrl())) {
                assertTrue(databaseUrl(), databaseUrl().endsWith("/" + rs.getString(1)));
            } else {
                assertEquals("picloud", rs.getString(1));
            }
            assertEquals(42, rs.getInt(2));
        }
    }

    @Test
    public void databaseStatusReportsAvailableWithoutSecrets() throws Exception {
        DatabaseStatus status = awaitService(DatabaseStatus.class, "(dataSourceName=picloud)", BOOT);
        await("the database to be available", BOOT, status::available);
        String detail = status.detail();
        if (!"embedded".equals(databaseUrl())) {
            assertTrue(detail, detail.startsWith(databaseUrl()));
        }
        assertTrue(detail, !detail.toLowerCase().contains("password"));
    }

    /** The engine's compiler defines its classes under the bundle's class loader, with the ASM bundle wired. */
    @Test
    public void scriptFunctionsCompileToBytecodeInsideTheContainer() {
        RhaiEngine engine = RhaiEngine.builder().compileAfterCalls(1).build();
        CompiledScript fib = engine.compile("fib",
                "fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }\nfib(20)");
        assertEquals(6765L, engine.run(fib, RunOptions.of(Map.of(), null)).value());
        assertEquals(Set.of("fib/1"), fib.compiledFunctions());
    }

    @Test
    public void healthEndpointAnswersOkOverHttp() throws Exception {
        await("GET /api/v1/health to answer 200", BOOT, () -> get("/api/v1/health").statusCode() == 200);
        HttpResponse<String> health = get("/api/v1/health");
        assertTrue(health.headers().firstValue("Content-Type").orElse(""), health.headers()
                .firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(health.body(), health.body().contains("\"database\":\"ok\""));
    }

    @Test
    public void unknownScriptIsAJson404() throws Exception {
        await("the /fn servlet", BOOT, () -> get("/fn/no-such-script").statusCode() == 404);
        HttpResponse<String> missing = get("/fn/no-such-script");
        assertTrue(missing.body(), missing.body().startsWith("{\"error\":{"));
    }

    @Test
    public void theBootLogsNoError() throws Exception {
        awaitReady();
        await("the /fn servlet", BOOT, () -> get("/fn/no-such-script").statusCode() == 404);
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        // PiCloud's own bundles only: Pax Exam's way of installing features makes the framework log errors of
        // its own (a Karaf spec locator missing during a refresh) that a real boot does not have
        List<String> errors = java.nio.file.Files.readAllLines(log).stream()
                .filter(line -> line.contains("| ERROR |") && line.contains(" - io.picloud."))
                .toList();
        assertTrue("PiCloud errors at boot (e.g. a DS reference cycle, a call failing while the database is "
                + "not reached yet): " + errors, errors.isEmpty());
    }

    @Test
    public void everyPicloudBundleIsActive() throws Exception {
        await("PiCloud bundles to be active", BOOT, () -> {
            int picloud = 0;
            for (Bundle b : bundleContext.getBundles()) {
                if (b.getSymbolicName().startsWith("io.picloud.")) {
                    picloud++;
                    if (b.getState() != Bundle.ACTIVE) {
                        return false;
                    }
                }
            }
            return picloud >= 3;
        });
    }

    @Test
    public void shellCommandsRun() throws Exception {
        String features = executeCommand("feature:list -i");
        assertTrue(features, features.contains("picloud-all"));
        assertTrue(features, features.contains("picloud-core"));
    }
}
