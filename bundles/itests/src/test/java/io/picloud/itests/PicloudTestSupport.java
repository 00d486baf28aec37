package io.picloud.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Base class of PiCloud's integration tests: boots the real distribution (the tar.gz built by
 * {@code karaf-distribution}) once per test class, on a free HTTP port, with its own fresh database.
 *
 * <p>The database is a new {@code picloud_it_<random>} on the PostgreSQL at 127.0.0.1:5432 (user postgres),
 * dropped after the class; when that server does not answer, the distribution's embedded PostgreSQL is used
 * instead (data under {@code target/exam}). The owner's API key is fixed per class: {@link #ownerApiKey()}.
 *
 * <p>{@link #config()} runs in the test JVM; test methods run inside the container, so everything they need
 * from the configuration travels as system properties (see the {@code PROP_*} names).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class PicloudTestSupport {

    public static final String PROP_HTTP_PORT = "picloud.it.httpPort";
    public static final String PROP_OWNER_KEY = "picloud.it.ownerKey";
    public static final String PROP_DATABASE = "picloud.it.database";

    static final String PG_HOST = "127.0.0.1";
    static final int PG_PORT = 5432;

    /** Databases created in the test JVM by {@link #config()} (Pax Exam may call it more than once). */
    private static final List<String> CREATED_DATABASES = new ArrayList<>();

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    // ---------------------------------------------------------------- configuration (test JVM)

    @Configuration
    public Option[] config() throws Exception {
        int httpPort = freePort();
        String ownerKey = "pc_it_" + randomHex(24);
        String unpackDir = System.getProperty("picloud.it.unpackDir", "target/exam");
        List<Option> options = new ArrayList<>(Arrays.asList(
                karafDistributionConfiguration()
                        .frameworkUrl(distribution())
                        .name("PiCloud")
                        .unpackDirectory(new File(unpackDir))
                        .useDeployFolder(false),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.WARN),
                systemTimeout(300_000),
                // the container is offline: Pax Exam's own bundles come from the local repository
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                                System.getProperty("user.home") + "/.m2/repository")),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                editConfigurationFilePut("etc/io.picloud.http.cfg", "port", Integer.toString(httpPort)),
                editConfigurationFilePut("etc/io.picloud.http.cfg", "host", "127.0.0.1"),
                editConfigurationFilePut("etc/io.picloud.manager.cfg", ".bootstrapToken", ownerKey),
                systemProperty(PROP_HTTP_PORT).value(Integer.toString(httpPort)),
                systemProperty(PROP_OWNER_KEY).value(ownerKey),
                // the probe waits for Pax Exam's invoker 10 s by default: a loaded two-core box needs longer
                systemProperty("pax.exam.service.timeout").value("120000"),
                systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value("180000")));
        options.addAll(databaseOptions());
        options.addAll(Arrays.asList(extraOptions()));
        return options.toArray(new Option[0]);
    }

    /** Options a subclass adds (features to install, config edits); none by default. */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    private static MavenArtifactUrlReference distribution() {
        return maven().groupId("io.picloud").artifactId("io.picloud.karaf-distribution")
                .version(System.getProperty("picloud.version")).type("tar.gz");
    }

    /**
     * Runs in the test JVM right after this class's database was created, before the container boots: a subclass
     * may fill it (an old schema with data, to test upgrades). Nothing by default; not called for the embedded
     * database.
     */
    protected void prepareDatabase(PGSimpleDataSource database) throws Exception {
    }

    /** True for a class that tests the distribution's own embedded PostgreSQL even when 127.0.0.1:5432 answers. */
    protected boolean embeddedDatabase() {
        return false;
    }

    private List<Option> databaseOptions() throws Exception {
        if (embeddedDatabase()) {
            return List.of(systemProperty(PROP_DATABASE).value("embedded"));
        }
        String name = "picloud_it_" + randomHex(6);
        try {
            try (Connection c = adminDataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            synchronized (CREATED_DATABASES) {
                if (CREATED_DATABASES.isEmpty()) {
                    // JUnit's @AfterClass runs inside the container; the test JVM ends after every container
                    Runtime.getRuntime().addShutdownHook(new Thread(PicloudTestSupport::dropDatabases, "drop-it-databases"));
                }
                CREATED_DATABASES.add(name);
            }
        } catch (SQLException e) {
            // no PostgreSQL on 127.0.0.1:5432: the distribution's embedded one is used
            return List.of(systemProperty(PROP_DATABASE).value("embedded"));
        }
        PGSimpleDataSource database = adminDataSource();
        database.setDatabaseName(name);
        prepareDatabase(database);
        String url = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + name;
        return List.of(
                editConfigurationFilePut("etc/io.picloud.database.cfg", "url", url),
                editConfigurationFilePut("etc/io.picloud.database.cfg", "user", "postgres"),
                editConfigurationFilePut("etc/io.picloud.database.cfg", "password", ""),
                systemProperty(PROP_DATABASE).value(url));
    }

    private static PGSimpleDataSource adminDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {PG_HOST});
        ds.setPortNumbers(new int[] {PG_PORT});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setConnectTimeout(3);
        return ds;
    }

    private static void dropDatabases() {
        synchronized (CREATED_DATABASES) {
            try (Connection c = adminDataSource().getConnection(); Statement s = c.createStatement()) {
                for (String name : CREATED_DATABASES) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            } catch (SQLException e) {
                System.err.println("Could not drop the test databases " + CREATED_DATABASES + ": " + e.getMessage());
            }
            CREATED_DATABASES.clear();
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768+): a port the OS handed out for {@code bind(0)} and then
     * released could be handed out again to the next {@code bind(0)} — e.g. the Karaf shutdown socket of the very
     * container meant to listen on it (seen in ClusterIT: its HTTP server then failed with "Address already in use").
     */
    static int freePort() throws IOException {
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            try (ServerSocket s = new ServerSocket(port)) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port found in 20000-31999");
    }

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b).toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- helpers (inside the container)

    /** The HTTP port PiCloud listens on (127.0.0.1). */
    protected int httpPort() {
        return Integer.getInteger(PROP_HTTP_PORT);
    }

    /** The API key of the owner bootstrapped at first start; use as {@code Authorization: Bearer <key>}. */
    protected String ownerApiKey() {
        return System.getProperty(PROP_OWNER_KEY);
    }

    /** The JDBC URL of this class's database, or {@code embedded}. */
    protected String databaseUrl() {
        return System.getProperty(PROP_DATABASE);
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort() + path);
    }

    /** Sends {@code request} and returns the response with its body as a string. */
    protected HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A request builder for {@code path} with a 30 s timeout; add method, headers and body. */
    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    }

    /** A request builder carrying the owner's API key. */
    protected HttpRequest.Builder authorized(String path) {
        return request(path).header("Authorization", "Bearer " + ownerApiKey());
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    /** {@code method} with the owner's key and a body of {@code contentType} (null body: none). */
    protected HttpResponse<String> call(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = authorized(path);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return send(b.build());
    }

    // ---------------------------------------------------------------- users, keys, sessions (inside the container)

    /** A user made for a test: its id, name, password and an API key with its full role. */
    protected record TestUser(long id, String username, String password, String key) {
    }

    /** A logged-in browser session: the {@code Cookie} header value and the session's CSRF token. */
    protected record TestSession(String cookie, String csrfToken) {
    }

    protected static final String JSON = "application/json";

    /**
     * Creates a user of {@code role} through the REST API with the owner's key ({@code POST /api/v1/users}), logs
     * in as that user and creates its API key with the session ({@code POST /api/v1/keys}, cookie and CSRF token).
     */
    protected TestUser createUser(String role) throws Exception {
        String username = "it-" + role + "-" + randomHex(4);
        String password = "It-pass-" + randomHex(8);
        HttpResponse<String> created = call("POST", "/api/v1/users", JSON, "{\"username\":\"" + username
                + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}");
        if (created.statusCode() != 201) {
            throw new AssertionError("POST /api/v1/users: " + created.statusCode() + " " + created.body());
        }
        long id = Long.parseLong(jsonField(created.body(), "id"));
        TestSession session = login(username, password);
        HttpResponse<String> key = send(withSession(request("/api/v1/keys"), session)
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"it\"}")).build());
        if (key.statusCode() != 201) {
            throw new AssertionError("POST /api/v1/keys: " + key.statusCode() + " " + key.body());
        }
        return new TestUser(id, username, password, jsonField(key.body(), "key"));
    }

    /** {@code POST /api/v1/session}; fails unless it answers 200 with the cookie. */
    protected TestSession login(String username, String password) throws Exception {
        HttpResponse<String> r = send(request("/api/v1/session").header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\""
                        + password + "\"}")).build());
        String cookie = r.headers().firstValue("Set-Cookie").orElse("");
        if (r.statusCode() != 200 || !cookie.startsWith("picloud_session=")) {
            throw new AssertionError("POST /api/v1/session as " + username + ": " + r.statusCode() + " " + r.body());
        }
        return new TestSession(cookie.split(";", 2)[0], jsonField(r.body(), "csrfToken"));
    }

    /** The request with the session's cookie and its {@code X-CSRF-Token}. */
    protected static HttpRequest.Builder withSession(HttpRequest.Builder b, TestSession s) {
        return b.header("Cookie", s.cookie()).header("X-CSRF-Token", s.csrfToken());
    }

    /** {@code method} with {@code key} (null: anonymous) and a body of {@code contentType} (null body: none). */
    protected HttpResponse<String> callWith(String key, String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path);
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return send(b.build());
    }

    /** The first value of {@code "name":} in a JSON text (a string's content, or a number/literal as text). */
    protected static String jsonField(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,}\\]]+))")
                .matcher(json);
        if (!m.find()) {
            throw new AssertionError("no field " + name + " in " + json);
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /**
     * Runs a Karaf shell command as an admin and returns what it printed (stdout and stderr). A failing
     * command throws with its message.
     */
    protected String executeCommand(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Session session = sessionFactory.create(System.in, out, out);
            try {
                Subject subject = new Subject();
                subject.getPrincipals().add(new UserPrincipal("itest"));
                for (String role : new String[] {"admin", "manager", "viewer", "systembus"}) {
                    subject.getPrincipals().add(new RolePrincipal(role));
                }
                Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
            } catch (PrivilegedActionException e) {
                // a command's checked exception (Karaf's CommandException: the message the console shows)
                throw e.getException();
            } finally {
                session.close();
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Waits until PiCloud answers {@code GET /api/v1/health} with 200 and its database is reachable and
     * migrated: call it first in tests that use the REST API or the stores.
     */
    protected void awaitReady() throws Exception {
        await("PiCloud to be ready (GET /api/v1/health 200, database ok)", Duration.ofSeconds(90), () -> {
            HttpResponse<String> health = get("/api/v1/health");
            return health.statusCode() == 200 && health.body().contains("\"database\":\"ok\"");
        });
    }

    /** Polls {@code condition} every 100 ms until it is true; fails with {@code what} after {@code timeout}. */
    protected static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error = new AssertionError("Timed out after " + timeout + " waiting for " + what);
                if (last != null) {
                    error.initCause(last);
                }
                throw error;
            }
            Thread.sleep(100);
        }
    }

    /** Waits for a service of {@code type} matching the LDAP {@code filter} (null: any) and returns it. */
    protected <T> T awaitService(Class<T> type, String filter, Duration timeout) throws InterruptedException {
        BundleContext context = bundleContext != null ? bundleContext
                : FrameworkUtil.getBundle(getClass()).getBundleContext();
        String objectClass = "(objectClass=" + type.getName() + ")";
        Filter f;
        try {
            f = context.createFilter(filter == null ? objectClass : "(&" + objectClass + filter + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, f, null);
        tracker.open();
        trackers.add(tracker);
        T service = tracker.waitForService(timeout.toMillis());
        if (service == null) {
            throw new AssertionError("No service " + type.getName() + (filter == null ? "" : " " + filter)
                    + " after " + timeout);
        }
        return service;
    }

    @After
    public void closeTrackers() {
        trackers.forEach(ServiceTracker::close);
        trackers.clear();
    }
}
