package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.picloud.api.InvocationLog;
import io.picloud.api.InvocationRecord;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The manager while its database comes and goes: the distribution's database URL points at a TCP proxy that this
 * test runs inside the container between Karaf and the real PostgreSQL, so the test decides when the database is
 * reachable. One boot, one scenario: start without a database, get it, lose it while serving, get it back.
 */
public class ManagerOutageIT extends PicloudTestSupport {
    private static final String PROP_PROXY_PORT = "picloud.it.proxyPort";
    private static final Duration WAIT = Duration.ofSeconds(90);


    @Override
    protected Option[] extraOptions() {
        return proxiedDatabase(PROP_PROXY_PORT);
    }

    /**
     * Runs in the test JVM: a new database whose URL in the distribution goes through a {@link Proxy} port (told to
     * the container as the system property {@code portProperty}); nothing listens there until the test starts the
     * proxy. Also used by OpenApiIT, to see the API's answers while the database is away.
     */
    static Option[] proxiedDatabase(String portProperty) {
        try {
            int proxyPort = freePort();
            String proxiedDatabase = "picloud_it_" + randomHex(6) + "_proxied";
            try (Connection c = admin().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + proxiedDatabase);
            }
            // @AfterClass would run inside the container: drop it when the test JVM ends
            String name = proxiedDatabase;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name), "drop-proxied-it-database"));
            String url = "jdbc:postgresql://127.0.0.1:" + proxyPort + "/" + proxiedDatabase
                    + "?connectTimeout=3&socketTimeout=10";
            return new Option[] {
                editConfigurationFilePut("etc/io.picloud.database.cfg", "url", url),
                editConfigurationFilePut("etc/io.picloud.database.cfg", "user", "postgres"),
                systemProperty(portProperty).value(Integer.toString(proxyPort)),
            };
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("this test needs the real PostgreSQL on 127.0.0.1:5432", e);
        }
    }

    private static void drop(String database) {
        try (Connection c = admin().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop " + database + ": " + e.getMessage());
        }
    }

    private static PGSimpleDataSource admin() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {PG_HOST});
        ds.setPortNumbers(new int[] {PG_PORT});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        return ds;
    }

    @Test
    public void startsWithoutTheDatabaseAndRidesOutAnOutageWhileServing() throws Exception {
        // 1. no database yet (the proxy is not listening): the manager is up and says so
        await("the REST API", WAIT, () -> get("/api/v1/version").statusCode() == 200);
        HttpResponse<String> early = get("/api/v1/health");
        assertEquals(early.body(), 503, early.statusCode());
        assertTrue(early.body(), early.body().startsWith("{\"status\":\"degraded\",\"reason\":"));
        assertTrue(early.headers().firstValue("Retry-After").isPresent());
        assertEquals(503, call("GET", "/api/v1/scripts", null, null).statusCode());

        try (Proxy proxy = new Proxy(Integer.getInteger(PROP_PROXY_PORT), PG_HOST, PG_PORT)) {
            // 2. the database arrives: migrations run, the owner is bootstrapped, the API works
            await("health to turn ok", WAIT, () -> get("/api/v1/health").statusCode() == 200);
            String version = get("/api/v1/version").body();
            assertTrue(version, version.matches(".*\"schema\":[1-9]\\d*}"));
            assertEquals(201, call("PUT", "/api/v1/scripts/it-kept", "text/plain", "\"kept\"").statusCode());
            InvocationLog log = awaitService(InvocationLog.class, null, WAIT);
            log.record(record("before the cut"));
            await("the first record", WAIT, () -> invocations("it-kept") == 1);

            // 3. the database goes away while serving: degraded, writes refused with 503, nothing crashes
            proxy.cut();
            await("health to turn degraded", WAIT, () -> get("/api/v1/health").statusCode() == 503);
            HttpResponse<String> write = call("PUT", "/api/v1/scripts/it-kept", "text/plain", "\"lost\"");
            assertEquals(write.body(), 503, write.statusCode());
            assertTrue(write.body(), write.body().startsWith("{\"error\":{\"code\":\"unavailable\""));
            assertTrue(write.headers().firstValue("Retry-After").isPresent());
            for (int i = 0; i < 3; i++) {
                log.record(record("during the cut " + i));
            }
            assertEquals(200, get("/api/v1/version").statusCode());

            // 4. the database returns: healthy again by itself, old data intact, queued records written
            proxy.restore();
            await("health to turn ok again", WAIT, () -> get("/api/v1/health").statusCode() == 200);
            HttpResponse<String> kept = call("GET", "/api/v1/scripts/it-kept", null, null);
            assertEquals(kept.body(), 200, kept.statusCode());
            assertTrue(kept.body(), kept.body().contains("\"version\":1") && kept.body().contains("kept"));
            assertEquals(200, call("PUT", "/api/v1/scripts/it-kept", "text/plain", "\"again\"").statusCode());
            await("the records queued during the cut", WAIT, () -> invocations("it-kept") == 4);
        }
    }

    private int invocations(String script) throws Exception {
        HttpResponse<String> r = call("GET", "/api/v1/scripts/" + script + "/invocations?limit=100", null, null);
        return r.statusCode() == 200 ? ManagerApiIT.count(r.body(), "\"startedAt\"") : -1;
    }

    private static InvocationRecord record(String line) {
        return new InvocationRecord("it-kept", 1, "itest", Instant.now(), 5, "ok", null, null, List.of(line), 1);
    }

    /**
     * A TCP proxy on 127.0.0.1:port to PostgreSQL. {@link #cut()} closes every connection and refuses new ones
     * (accepts and closes them) until {@link #restore()}.
     */
    static final class Proxy implements Closeable {
        private final ServerSocket server;
        private final String host;
        private final int port;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile boolean up = true;

        Proxy(int listenPort, String host, int port) throws IOException {
            this.host = host;
            this.port = port;
            this.server = new ServerSocket(listenPort, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::accept, "it-db-proxy");
            t.setDaemon(true);
            t.start();
        }

        void cut() {
            up = false;
            open.forEach(Proxy::quietly);
            open.clear();
        }

        void restore() {
            up = true;
        }

        @Override
        public void close() {
            cut();
            quietly(server);
        }

        private void accept() {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    return;
                }
                if (!up) {
                    quietly(client);
                    continue;
                }
                try {
                    Socket target = new Socket(host, port);
                    open.add(client);
                    open.add(target);
                    if (!up) { // cut while this connection was being made
                        open.remove(client);
                        open.remove(target);
                        quietly(client);
                        quietly(target);
                        continue;
                    }
                    pump(client, target);
                    pump(target, client);
                } catch (IOException e) {
                    quietly(client);
                }
            }
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // cut or closed
                } finally {
                    quietly(from);
                    quietly(to);
                    open.remove(from);
                    open.remove(to);
                }
            }, "it-db-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        private static void quietly(Closeable c) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
