package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import tools.jackson.databind.JsonNode;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The live API against its OpenAPI document ({@code GET /api/v1/openapi.json}): one scenario calls every documented
 * operation as the roles that may and may not (anonymous, viewer, developers, admin, owner, an invoke-only key, a
 * session with and without its CSRF token), with the error cases of each, and every answer is checked by the
 * {@link OpenApiContract}: its status is documented for the operation and its body validates against the documented
 * schema. At the end every documented operation and every documented status family must have been seen. The last
 * part cuts the database (a proxy, as in ManagerOutageIT) for the 5xx answers.
 */
public class OpenApiIT extends PicloudTestSupport {
    private static final String PROP_PROXY_PORT = "picloud.it.openapi.proxyPort";
    private static final int MAX_UPLOAD = 32 * 1024;
    static final Duration WAIT = Duration.ofSeconds(90);
    /** For the event streams, read as they come (the support's client reads whole bodies as text). */
    private static final HttpClient STREAMS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OpenApiContract contract;
    private Callers who;

    @Override
    protected Option[] extraOptions() {
        List<Option> options = new ArrayList<>(List.of(ManagerOutageIT.proxiedDatabase(PROP_PROXY_PORT)));
        // a namespace full at three keys: PUT /kv answers 409 too_many_keys
        options.add(editConfigurationFilePut("etc/io.picloud.host.kv.cfg", "maxKeysPerNamespace", "3"));
        // the 413s are asked for with a declared length only (Callers.declaringLength)
        options.add(editConfigurationFilePut("etc/io.picloud.manager.cfg", "maxUploadBytes",
                Integer.toString(MAX_UPLOAD)));
        options.addAll(schemaValidatorBundles());
        return options.toArray(new Option[0]);
    }

    /**
     * The JSON Schema validator and its dependencies (Jackson 3, which the distribution does not have), installed
     * into the container from the jars of this test's own classpath, so their versions are the pom's. A jar is found
     * by a class it holds and its file name (Karaf's features jar holds a copy of Jackson's annotations, too).
     */
    private static List<Option> schemaValidatorBundles() {
        String[][] jars = {{"com/networknt/schema/Schema.class", "json-schema-validator-"},
            {"tools/jackson/core/JsonParser.class", "jackson-core-"},
            {"tools/jackson/databind/ObjectMapper.class", "jackson-databind-"},
            {"tools/jackson/dataformat/yaml/YAMLMapper.class", "jackson-dataformat-yaml-"},
            {"com/fasterxml/jackson/annotation/JsonProperty.class", "jackson-annotations-"},
            {"com/ethlo/time/ITU.class", "itu-"}, {"org/snakeyaml/engine/v2/api/Load.class", "snakeyaml-engine-"}};
        List<Option> out = new ArrayList<>();
        for (String[] jar : jars) {
            out.add(bundle(jarOf(jar[0], jar[1])));
        }
        return out;
    }

    private static String jarOf(String resource, String fileNamePrefix) {
        try {
            for (URL url : Collections.list(OpenApiIT.class.getClassLoader().getResources(resource))) {
                String s = url.toString();
                if (s.startsWith("jar:file:") && s.contains("!/")) {
                    String file = s.substring(4, s.indexOf("!/"));
                    if (file.substring(file.lastIndexOf('/') + 1).startsWith(fileNamePrefix)) {
                        return file;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + fileNamePrefix + "*.jar with " + resource + " on the test classpath");
    }

    @Test(timeout = 900_000)
    public void everyDocumentedOperationAnswersAsDocumented() throws Exception {
        try (ManagerOutageIT.Proxy proxy = new ManagerOutageIT.Proxy(Integer.getInteger(PROP_PROXY_PORT), PG_HOST,
                PG_PORT)) {
            awaitReady();
            HttpResponse<String> document = get("/api/v1/openapi.json");
            assertEquals(document.body(), 200, document.statusCode());
            contract = new OpenApiContract(document.body());
            who = new Callers(this, contract, ownerApiKey());
            new CoreScenario(who).run();
            new LiveScenario(who, this, contract).run();
            new StatsScenario(who).run();
            new RunsScenario(who).run();
            sweeps();
            badBodies();
            loginThrottle();
            databaseAway(proxy);
        }
        report();
    }

    /**
     * Every operation anonymously (401 unless open) and with an invoke-only key (a 4xx: refused by the services,
     * after a body the handler reads first may already be a 400), with sample path values.
     */
    private void sweeps() throws Exception {
        for (OpenApiContract.Operation op : contract.operations()) {
            String path = samplePath(op);
            boolean open = op.node().has("security") && op.node().get("security").isEmpty();
            if (path.endsWith("/stream")) {
                continue; // LiveScenario reads the stream's answers itself
            }
            Callers.Answer anonymous = who.call(who.anonymous, op.method(), path, null, null);
            if (!open) {
                assertEquals(op.key() + ": " + anonymous.body(), 401, anonymous.status());
                assertTrue(anonymous.header("WWW-Authenticate"), anonymous.header("WWW-Authenticate")
                        .startsWith("Bearer"));
                Callers.Answer invokeOnly = who.call(who.invokeOnly, op.method(), path, Callers.JSON, "{}");
                assertTrue(op.key() + ": " + invokeOnly.body(), invokeOnly.status() >= 400
                        && invokeOnly.status() < 500 && invokeOnly.status() != 401);
            }
        }
    }

    /**
     * Every operation that reads a body, with one over maxUploadBytes (413) and, unless it takes any type, with a
     * type it does not take (415); as the owner, who may do anything.
     */
    private void badBodies() throws Exception {
        for (OpenApiContract.Operation op : contract.operations()) {
            JsonNode content = op.node().path("requestBody").path("content");
            if (content.isEmpty()) {
                continue;
            }
            String path = samplePath(op);
            boolean open = op.node().has("security") && op.node().get("security").isEmpty();
            Callers.Caller caller = open ? who.anonymous : who.owner;
            Callers.Answer a = who.declaringLength(caller, op.method(), path, MAX_UPLOAD + 1);
            if (Callers.unrouted(a)) {
                continue; // in the report as never answered 2XX
            }
            Callers.expect(413, "payload_too_large", a);
            if (!content.has("*/*")) {
                Callers.expect(415, "unsupported_media_type", who.call(caller, op.method(), path,
                        "application/xml", "<x/>"));
            }
        }
    }

    /** The operation's path with sample values: ids a number (so that a user's id reaches the rights check). */
    private static String samplePath(OpenApiContract.Operation op) {
        return "/api/v1" + op.template().replace("{id}", "1").replaceAll("\\{[^}]+}", "it-sweep");
    }

    /** Five failed logins for one name (from one address) and the next attempt is 429 with Retry-After. */
    private void loginThrottle() throws Exception {
        String body = "{\"username\":\"" + who.viewer.name() + "\",\"password\":\"not-the-password\"}";
        Callers.Answer last = null;
        for (int i = 0; i < 8 && (last == null || last.status() != 429); i++) {
            last = who.call(who.anonymous, "POST", "/api/v1/session", Callers.JSON, body);
        }
        assertEquals(last.body(), 429, last.status());
        assertTrue(last.header("Retry-After") != null);
    }

    /** The database cut: health is a 503 Health body, a call that needs the database a 503 Error. */
    private void databaseAway(ManagerOutageIT.Proxy proxy) throws Exception {
        proxy.cut();
        await("health to turn degraded", WAIT, () -> get("/api/v1/health").statusCode() == 503);
        who.expect(503, who.call(who.anonymous, "GET", "/api/v1/health", null, null));
        who.expect(503, who.call(who.owner, "PUT", "/api/v1/scripts/it-away", "text/plain", "1"));
        who.expect(200, who.call(who.anonymous, "GET", "/api/v1/version", null, null));
    }

    private void report() {
        List<String> problems = new ArrayList<>(contract.problems());
        List<String> unexercised = contract.unexercised();
        if (!problems.isEmpty() || !unexercised.isEmpty()) {
            fail("answers that break the OpenAPI document (" + problems.size() + "):\n  "
                    + String.join("\n  ", problems) + "\ndocumented but not exercised (" + unexercised.size()
                    + "):\n  " + String.join("\n  ", unexercised) + "\n(documented codes never seen, for review: "
                    + contract.unexercisedCodes() + ")");
        }
    }

    /** The bundle that registers the service {@code type} in the container. */
    Bundle bundleOf(Class<?> type) {
        ServiceReference<?> ref = bundleContext.getServiceReference(type);
        if (ref == null) {
            throw new AssertionError("no service " + type.getName());
        }
        return ref.getBundle();
    }

    /**
     * {@code GET path} as a Server-Sent Events stream with {@code caller}'s credentials: the status and content
     * type are checked by the contract at once; then {@code trigger} runs and the first {@code event: invocation}
     * is read (at most {@code WAIT}) and its data returned (null when the status was not 200).
     */
    String firstEvent(Callers.Caller caller, String path, Step trigger) throws Exception {
        HttpRequest.Builder b = who.authorize(request(path).header("Accept", "text/event-stream"), caller, "GET");
        HttpResponse<InputStream> r = STREAMS.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        String type = r.headers().firstValue("Content-Type").orElse(null);
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                contract.check("GET", path, r.statusCode(), type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return null;
            }
            contract.check("GET", path, 200, type, null);
            if (trigger == null) {
                throw new AssertionError("GET " + path + " as " + caller.name() + " was meant to be refused");
            }
            assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(""));
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> readInvocationEvent(lines));
            trigger.call();
            try {
                return event.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } finally {
                in.close(); // ends the reader, should it still wait
            }
        }
    }

    private static String readInvocationEvent(BufferedReader lines) {
        try {
            boolean invocation = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals("event: invocation")) {
                    invocation = true;
                } else if (invocation && line.startsWith("data:")) {
                    return line.substring(5).strip();
                } else if (line.isEmpty()) {
                    invocation = false;
                }
            }
            throw new AssertionError("the stream ended before an invocation event");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scenario step that may throw. */
    interface Step {
        void call() throws Exception;
    }
}
