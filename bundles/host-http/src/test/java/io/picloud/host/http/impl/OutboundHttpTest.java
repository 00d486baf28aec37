package io.picloud.host.http.impl;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.picloud.api.HostException;
import io.picloud.api.HostPackage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The http host API against real servers on 127.0.0.1, with 127.0.0.1/32 allowed. Every URL here names a loopback
 * address or a test name that resolves to one (never the machine's DNS, except for {@code localhost}), and the
 * servers listen on 127.0.0.1 only: a guard that wrongly let a request through would fail to connect, never reach
 * anything outside this machine.
 */
public class OutboundHttpTest {
    private LocalServer server;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @Before
    public void start() throws IOException {
        server = new LocalServer();
    }

    @After
    public void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        server.close();
    }

    /** Names of the test's own, all on loopback; anything else is unknown. IP literals stay as they are. */
    private static SocketAddressResolver table(Map<String, String> names) {
        return (host, port, context, promise) -> {
            String h = HostPatterns.normalise(host);
            String ip = names.containsKey(h) ? names.get(h) : GuardedResolver.isLiteral(h) ? h : null;
            try {
                if (ip == null) {
                    throw new UnknownHostException(host);
                }
                promise.succeeded(List.of(new InetSocketAddress(InetAddress.getByName(ip), port)));
            } catch (UnknownHostException e) {
                promise.failed(e);
            }
        };
    }

    private Map<String, HostPackage.Function> functions(HttpSettings settings, SocketAddressResolver dns)
            throws Exception {
        OutboundHttp http = new OutboundHttp(settings, dns);
        closing.add(http);
        Map<String, HostPackage.Function> f = new HashMap<>();
        new HttpHostPackage(http).register((name, arity, fn) -> f.put(name + "/" + arity, fn));
        return f;
    }

    private Map<String, HostPackage.Function> loopbackAllowed() throws Exception {
        return functions(HttpSettings.defaults("127.0.0.1/32"), table(Map.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(Map<String, HostPackage.Function> f, String fn, HostPackage.Call call,
                                            Object... args) throws Exception {
        return (Map<String, Object>) f.get(fn + "/" + args.length).call(call, Arrays.asList(args));
    }

    private static HostException error(Map<String, HostPackage.Function> f, String fn, HostPackage.Call call,
                                       Object... args) {
        return assertThrows(HostException.class, () -> call(f, fn, call, args));
    }

    private static String echo(Map<String, Object> answer) {
        return (String) answer.get("body");
    }

    @Test
    public void theClientStartsAtTheFirstRequestAndACloseEndsIt() throws Exception {
        OutboundHttp http = new OutboundHttp(HttpSettings.defaults("127.0.0.1/32"), table(Map.of()));
        assertFalse(http.started());
        Map<String, HostPackage.Function> f = new HashMap<>();
        new HttpHostPackage(http).register((name, arity, fn) -> f.put(name + "/" + arity, fn));
        assertEquals(200L, call(f, "http::get", new TestCall(), server.url("/json")).get("status"));
        assertTrue(http.started());
        http.close();

        OutboundHttp unused = new OutboundHttp(HttpSettings.defaults("127.0.0.1/32"), table(Map.of()));
        unused.close();
        Map<String, HostPackage.Function> g = new HashMap<>();
        new HttpHostPackage(unused).register((name, arity, fn) -> g.put(name + "/" + arity, fn));
        assertEquals("Unavailable", error(g, "http::get", new TestCall(), server.url("/json")).code());
        assertFalse(unused.started());
    }

    @Test
    public void getAnswersStatusHeadersBodyAndJson() throws Exception {
        Map<String, Object> a = call(loopbackAllowed(), "http::get", new TestCall(), server.url("/json"));
        assertEquals(200L, a.get("status"));
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) a.get("headers");
        assertEquals("yes", headers.get("x-test"));
        assertEquals("application/json", headers.get("content-type"));
        assertEquals("{\"a\":1,\"b\":[true,2.5],\"s\":\"x\"}", a.get("body"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("a", 1L);
        json.put("b", List.of(true, 2.5));
        json.put("s", "x");
        assertEquals(json, a.get("json"));
    }

    @Test
    public void bodiesAreSentByType() throws Exception {
        Map<String, HostPackage.Function> f = loopbackAllowed();
        TestCall run = new TestCall();
        assertEquals("POST\nPiCloud/test\napplication/json\n-\n-\n-\n{\"n\":1,\"xs\":[1,2]}",
                echo(call(f, "http::post", run, server.url("/echo"), new java.util.TreeMap<>(Map.of("n", 1L, "xs",
                        List.of(1L, 2L))))));
        assertEquals("POST\nPiCloud/test\ntext/plain; charset=utf-8\n-\n-\n-\nhé",
                echo(call(f, "http::post", run, server.url("/echo"), "hé", null)));
        assertEquals("POST\nPiCloud/test\napplication/octet-stream\n-\n-\n-\nab",
                echo(call(f, "http::post", run, server.url("/echo"), new byte[] {'a', 'b'})));
        assertEquals("POST\nPiCloud/test\ntext/csv\n-\n-\n-\n1,2", echo(call(f, "http::post", run,
                server.url("/echo"), "1,2", Map.of("headers", Map.of("Content-Type", "text/csv")))));
        Map<String, Object> req = new HashMap<>();
        req.put("method", "put");
        req.put("url", server.url("/echo"));
        req.put("headers", Map.of("X-Custom", "c", "Authorization", "Bearer t"));
        req.put("body", List.of(1L));
        req.put("timeout_ms", 2_000L);
        assertEquals("PUT\nPiCloud/test\napplication/json\nBearer t\n-\nc\n[1]", echo(call(f, "http::request", run,
                req)));
        Map<String, Object> headOnly = call(f, "http::get", run, server.url("/json"), Map.of("headers",
                Map.of("Accept", "application/json")));
        assertEquals(200L, headOnly.get("status"));
    }

    @Test
    public void aNonSuccessStatusIsAnAnswer() throws Exception {
        Map<String, Object> a = call(loopbackAllowed(), "http::get", new TestCall(), server.url("/missing"));
        assertEquals(404L, a.get("status"));
        assertEquals("not here", a.get("body"));
        assertNull(a.get("json"));
    }

    @Test
    public void textIsAStringInItsCharsetAndOtherContentABlob() throws Exception {
        Map<String, HostPackage.Function> f = loopbackAllowed();
        assertEquals("caé", call(f, "http::get", new TestCall(), server.url("/latin1")).get("body"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N'},
                (byte[]) call(f, "http::get", new TestCall(), server.url("/blob")).get("body"));
    }

    @Test
    public void anotherLoopbackAddressIsRefused() throws Exception {
        HostException e = error(loopbackAllowed(), "http::get", new TestCall(),
                "http://127.0.0.2:" + server.port + "/json");
        assertEquals("AddressRefused", e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("127.0.0.2") && e.getMessage().contains("loopback"));
        assertEquals(0, server.requests.get());
    }

    @Test
    public void ipv6LoopbackIsRefused() throws Exception {
        Map<String, HostPackage.Function> f = loopbackAllowed();
        assertEquals("AddressRefused", error(f, "http::get", new TestCall(),
                "http://[::1]:" + server.port + "/json").code());
        assertEquals("AddressRefused", error(f, "http::get", new TestCall(),
                "http://[::ffff:127.0.0.2]:" + server.port + "/json").code());
        assertEquals(0, server.requests.get());
    }

    @Test
    public void aNameResolvingToARefusedAddressIsRefused() throws Exception {
        // the platform's resolver: localhost is loopback, and only 127.0.0.2 is allowed
        Map<String, HostPackage.Function> platform = functions(HttpSettings.defaults("127.0.0.2/32"), null);
        HostException e = error(platform, "http::get", new TestCall(), "http://localhost:" + server.port + "/json");
        assertEquals("AddressRefused", e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("host localhost resolves to"));
        // a test table: internal.test is 127.0.0.2 (refused), api.test is 127.0.0.1 (allowed, and reached)
        Map<String, HostPackage.Function> f = functions(HttpSettings.defaults("127.0.0.1/32"),
                table(Map.of("internal.test", "127.0.0.2", "api.test", "127.0.0.1")));
        assertEquals("AddressRefused", error(f, "http::get", new TestCall(),
                "http://internal.test:" + server.port + "/json").code());
        assertEquals(0, server.requests.get());
        assertEquals(200L, call(f, "http::get", new TestCall(), "http://api.test:" + server.port + "/json")
                .get("status"));
    }

    @Test
    public void aRedirectToARefusedAddressIsRefused() throws Exception {
        Map<String, HostPackage.Function> f = loopbackAllowed();
        for (String target : List.of("http://127.0.0.2:" + server.port + "/json", "http://[::1]:" + server.port
                + "/json")) {
            HostException e = error(f, "http::get", new TestCall(),
                    server.url("/to?to=" + URLEncoder.encode(target, StandardCharsets.UTF_8)));
            assertEquals(target, "AddressRefused", e.code());
        }
        assertEquals(2, server.requests.get());       // the two redirects, nothing after them
        assertEquals("InvalidUrl", error(f, "http::get", new TestCall(),
                server.url("/to?to=" + URLEncoder.encode("file:///etc/passwd", StandardCharsets.UTF_8))).code());
    }

    @Test
    public void fiveRedirectsAreFollowedNotSix() throws Exception {
        Map<String, HostPackage.Function> f = loopbackAllowed();
        Map<String, Object> a = call(f, "http::get", new TestCall(), server.url("/hops/4"));
        assertEquals(200L, a.get("status"));
        assertEquals(1L, ((Map<?, ?>) a.get("json")).get("a"));
        assertEquals("TooManyRedirects", error(f, "http::get", new TestCall(), server.url("/hops/5")).code());
        Map<String, Object> unfollowed = call(f, "http::get", new TestCall(), server.url("/hops/5"),
                Map.of("follow_redirects", false));
        assertEquals(302L, unfollowed.get("status"));
        assertEquals("/hops/4", ((Map<?, ?>) unfollowed.get("headers")).get("location"));
    }

    @Test
    public void anAnswerPastTheCapFailsAndIsNotBuffered() throws Exception {
        Map<String, HostPackage.Function> f = loopbackAllowed();
        HostException announced = error(f, "http::get", new TestCall(), server.url("/big"));
        assertEquals("ResponseTooLarge", announced.code());
        assertTrue(announced.getMessage(), announced.getMessage().contains("1048576"));
        // no length announced: 64 MiB streamed, cut off once 1 MiB has arrived
        HostException streamed = error(f, "http::get", new TestCall(), server.url("/stream"));
        assertEquals("ResponseTooLarge", streamed.code());
        assertTrue("the server wrote " + server.streamed.get(), server.streamed.get() < 32L << 20);
        // headers past maxResponseHeaderBytes (16 KiB)
        assertEquals("ResponseTooLarge", error(f, "http::get", new TestCall(), server.url("/bigheaders")).code());
    }

    @Test
    public void aServerThatNeverAnswersEndsWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Map<String, HostPackage.Function> f = loopbackAllowed();
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/";
            long t0 = System.nanoTime();
            HostException e = error(f, "http::get", new TestCall(), url, Map.of("timeout_ms", 300L));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("Timeout", e.code());
            assertTrue(ms + " ms", ms >= 250 && ms < 3_000);
            // the run's deadline bounds the default 5 s timeout
            t0 = System.nanoTime();
            assertEquals("Timeout", error(f, "http::get", new TestCall(null, 200), url).code());
            ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms + " ms", ms < 3_000);
            assertEquals("Timeout", error(f, "http::get", new TestCall(null, 0), url).code());
        }
    }

    @Test
    public void aRunMakesAtMostTwentyRequests() throws Exception {
        Map<String, HostPackage.Function> f = loopbackAllowed();
        TestCall run = new TestCall();
        for (int i = 0; i < 20; i++) {
            assertEquals(200L, call(f, "http::get", run, server.url("/json")).get("status"));
        }
        assertEquals("TooManyRequests", error(f, "http::get", run, server.url("/json")).code());
        assertEquals(20, server.requests.get());
        assertEquals(200L, call(f, "http::get", new TestCall(), server.url("/json")).get("status"));
        // each redirect counts
        TestCall redirected = new TestCall();
        for (int i = 0; i < 3; i++) {
            call(f, "http::get", redirected, server.url("/hops/4"));       // 6 requests each
        }
        assertEquals("TooManyRequests", error(f, "http::get", redirected, server.url("/hops/4")).code());
    }

    @Test
    public void theHostAllowListIsCheckedForEachRequestAndRedirect() throws Exception {
        Map<String, HostPackage.Function> f = functions(HttpSettings.defaults("127.0.0.1/32"),
                table(Map.of("api.test", "127.0.0.1", "other.test", "127.0.0.1")));
        String api = "http://api.test:" + server.port;
        assertEquals("HostNotAllowed", error(f, "http::get", new TestCall(List.of("*.example.com"), 60_000),
                api + "/json").code());
        assertEquals("HostNotAllowed", error(f, "http::get", new TestCall(List.of(), 60_000), api + "/json").code());
        assertEquals(0, server.requests.get());
        assertEquals(200L, call(f, "http::get", new TestCall(List.of("*.test"), 60_000), api + "/json")
                .get("status"));
        HostException e = error(f, "http::get", new TestCall(List.of("api.test"), 60_000), api + "/to?to="
                + URLEncoder.encode("http://other.test:" + server.port + "/json", StandardCharsets.UTF_8));
        assertEquals("HostNotAllowed", e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("other.test"));
        // the operator's default list, for scripts without one
        Map<String, HostPackage.Function> operator = functions(HttpSettings.defaults("127.0.0.1/32")
                .withAllowHosts(List.of("api.test")), table(Map.of("api.test", "127.0.0.1", "other.test",
                "127.0.0.1")));
        assertEquals(200L, call(operator, "http::get", new TestCall(), api + "/json").get("status"));
        assertEquals("HostNotAllowed", error(operator, "http::get", new TestCall(),
                "http://other.test:" + server.port + "/json").code());
    }

    @Test
    public void noCookieIsKeptAndCredentialsStayWithTheirOrigin() throws Exception {
        Map<String, HostPackage.Function> f = functions(HttpSettings.defaults("127.0.0.1/32"),
                table(Map.of("other.test", "127.0.0.1")));
        TestCall run = new TestCall();
        call(f, "http::get", run, server.url("/cookie"));
        assertEquals("GET\nPiCloud/test\n-\n-\n-\n-\n", echo(call(f, "http::get", run, server.url("/echo"))));
        Map<String, Object> auth = Map.of("headers", Map.of("Authorization", "Bearer t"));
        String same = server.url("/to?to=" + URLEncoder.encode("/echo", StandardCharsets.UTF_8));
        assertEquals("GET\nPiCloud/test\n-\nBearer t\n-\n-\n", echo(call(f, "http::get", run, same, auth)));
        String other = server.url("/to?to=" + URLEncoder.encode("http://other.test:" + server.port + "/echo",
                StandardCharsets.UTF_8));
        assertEquals("GET\nPiCloud/test\n-\n-\n-\n-\n", echo(call(f, "http::get", run, other, auth)));
        // 302 turns a POST into a GET without body; 307 keeps both
        String to307 = server.url("/to?to=" + URLEncoder.encode("/echo", StandardCharsets.UTF_8) + "&307");
        assertEquals("POST\nPiCloud/test\ntext/plain; charset=utf-8\n-\n-\n-\nb",
                echo(call(f, "http::post", run, to307, "b")));
        assertEquals("GET\nPiCloud/test\n-\n-\n-\n-\n", echo(call(f, "http::post", run, same, "b")));
    }

    @Test
    public void anUntrustedCertificateFailsTheHandshake() throws Exception {
        // a self-signed certificate for 127.0.0.1, made by the JDK's keytool for this test only
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("http-tls");
        java.nio.file.Path store = dir.resolve("server.p12");
        String keytool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "s", "-keyalg", "EC", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=IP:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, "changeit".toCharArray());
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        https.createContext("/", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        https.start();
        try {
            HostException e = error(loopbackAllowed(), "http::get", new TestCall(),
                    "https://127.0.0.1:" + https.getAddress().getPort() + "/");
            assertEquals("TlsFailed", e.code());
        } finally {
            https.stop(0);
            java.nio.file.Files.deleteIfExists(store);
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    @Test
    public void idleOriginsAreForgotten() throws Exception {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            names.put("h" + i + ".test", "127.0.0.1");
        }
        OutboundHttp http = new OutboundHttp(HttpSettings.defaults("127.0.0.1/32")
                .withLimits(5_000, 1 << 20, 1_000), table(names));
        closing.add(http);
        TestCall run = new TestCall();
        for (int i = 0; i < 400; i++) {
            http.send(run, OutboundRequest.of("GET", "http://h" + i + ".test:" + server.port + "/close", null, null,
                    http.settings()));
        }
        assertTrue(http.destinations() + " origins kept", http.destinations() <= OutboundHttp.MAX_DESTINATIONS + 64);
    }

    @Test
    public void badRequestsAreRefusedBeforeAnythingIsSent() throws Exception {
        Map<String, HostPackage.Function> f = loopbackAllowed();
        TestCall run = new TestCall();
        for (String url : List.of("ftp://127.0.0.1/x", "file:///etc/passwd", "http:///nohost", "not a url",
                "http://user:pw@127.0.0.1:" + server.port + "/json", "javascript:alert(1)")) {
            assertEquals(url, "InvalidUrl", error(f, "http::get", run, url).code());
        }
        assertEquals("InvalidUrl", error(f, "http::get", run, 42L).code());
        for (Map<String, Object> options : List.of(Map.<String, Object>of("headers", Map.of("Host", "x")),
                Map.<String, Object>of("headers", Map.of("User-Agent", "x")),
                Map.<String, Object>of("headers", Map.of("X-A", "a\r\nX-B: b")),
                Map.<String, Object>of("headers", Map.of("X-Big", "v".repeat(9_000))),
                Map.<String, Object>of("timeout_ms", 60_000L),
                Map.<String, Object>of("timeout", 1L))) {
            assertThrows(options.toString(), IllegalArgumentException.class,
                    () -> call(f, "http::get", run, server.url("/json"), options));
        }
        assertThrows(IllegalArgumentException.class, () -> call(f, "http::request", run,
                Map.of("method", "CONNECT", "url", server.url("/json"))));
        assertEquals("RequestTooLarge", error(f, "http::post", run, server.url("/echo"),
                "x".repeat((1 << 20) + 1)).code());
        assertEquals(0, server.requests.get());
    }

    @Test
    public void settingsJoinTheConfigurationAndTheEnvironment() {
        HttpHostPackage.Config config = (HttpHostPackage.Config) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpHostPackage.Config.class}, (p, m, a) ->
                        switch (m.getName()) {
                            case "allowAddresses" -> new String[] {"10.0.5.0/24, 127.0.0.1/32"};
                            case "allowHosts" -> new String[] {"api.example.com,*.example.org"};
                            default -> m.getDefaultValue();
                        });
        HttpSettings s = HttpSettings.of(config, "192.168.1.0/24", "0.5.0");
        assertEquals("[10.0.5.0/24, 127.0.0.1/32, 192.168.1.0/24]", s.allowAddresses().toString());
        assertEquals(List.of("api.example.com", "*.example.org"), s.allowHosts());
        assertEquals("PiCloud/0.5.0", s.userAgent());
        assertEquals(20, s.maxRequestsPerRun());
        assertEquals(1 << 20, s.maxResponseBytes());
        assertThrows(IllegalArgumentException.class, () -> HttpSettings.of(config, "10.0.0.0/99", "0.5.0"));
    }
}
