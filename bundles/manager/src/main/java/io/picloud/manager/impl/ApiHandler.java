package io.picloud.manager.impl;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.picloud.api.ApiKeyService;
import io.picloud.api.ApiPrincipal;
import io.picloud.api.DeployResult;
import io.picloud.api.InvocationLog;
import io.picloud.api.InvocationRecord;
import io.picloud.api.ManagerHealth;
import io.picloud.api.PlatformInfo;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptSummary;
import io.picloud.api.ScriptVersion;
import io.picloud.api.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API {@code /api/v1} without the servlet container: routes a request, authenticates it, calls the
 * stores and turns every outcome, including failures, into a JSON response. See docs/api.md.
 */
final class ApiHandler {
    static final int API_VERSION = 1;
    static final String RETRY_AFTER_SECONDS = "5";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the handler needs from an HTTP request. */
    interface Request {
        String method();

        /** The path below {@code /api/v1}, e.g. {@code /scripts/hello}; null or empty for the root. */
        String path();

        String header(String name);

        String query(String name);

        /** The body, at most {@code limit} bytes; throws a 413 {@link ApiException} when it is longer. */
        byte[] body(int limit);
    }

    /** The compile check of an upload ({@link RhaiCompileCheck} in the bundle): empty when it compiles. */
    interface ScriptCheck {
        List<ScriptProblem> check(String name, String source);
    }

    /** Status, extra headers and JSON body (null for none, as with 204). */
    record Response(int status, Map<String, String> headers, JsonNode body) {
    }

    private final ScriptStore store;
    private final InvocationLog invocations;
    private final ApiKeyService keys;
    private final ManagerHealth health;
    private final PlatformInfo platform;
    private final ScriptCheck compiler;
    private volatile int maxBodyBytes;

    ApiHandler(ScriptStore store, InvocationLog invocations, ApiKeyService keys, ManagerHealth health,
               PlatformInfo platform, ScriptCheck compiler, int maxBodyBytes) {
        this.store = store;
        this.invocations = invocations;
        this.keys = keys;
        this.health = health;
        this.platform = platform;
        this.compiler = compiler;
        this.maxBodyBytes = maxBodyBytes;
    }

    void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    Response handle(Request req) {
        String method = req.method() == null ? "" : req.method().toUpperCase(Locale.ROOT);
        String path = req.path() == null ? "" : req.path();
        try {
            return route(method, path, req);
        } catch (ApiException e) {
            return error(e);
        } catch (StoreUnavailableException e) {
            return error(new ApiException(503, "unavailable", "the database is unavailable; try again later",
                    Map.of("Retry-After", RETRY_AFTER_SECONDS), null));
        } catch (RuntimeException e) {
            LOG.error("Internal error on {} /api/v1{}: {}", method, path, e.toString());
            LOG.debug("Internal error details", e);
            return error(new ApiException(500, "internal", "internal error"));
        }
    }

    private Response route(String method, String path, Request req) {
        List<String> seg = segments(path);
        if (seg.size() == 1 && seg.get(0).equals("version")) {
            allow(method, "GET");
            ObjectNode body = JSON.createObjectNode();
            body.put("product", platform.productVersion());
            body.put("api", API_VERSION);
            body.put("schema", platform.schemaVersion());
            return ok(200, body);
        }
        if (seg.size() == 1 && seg.get(0).equals("health")) {
            allow(method, "GET");
            return health();
        }
        ApiPrincipal principal = authenticate(req);
        if (seg.isEmpty() || !seg.get(0).equals("scripts") || seg.size() > 3) {
            throw ApiException.notFound("no such resource: /api/v1" + path);
        }
        if (seg.size() == 1) {
            allow(method, "GET");
            return listScripts();
        }
        String name = seg.get(1);
        if (!ScriptNames.isValid(name)) {
            throw new ApiException(400, "invalid_name",
                    "script names are 1 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        if (seg.size() == 2) {
            allow(method, "GET, PUT, DELETE");
            return switch (method) {
                case "GET" -> getScript(name);
                case "PUT" -> deploy(requireWriter(principal), name, req);
                default -> delete(requireWriter(principal), name);
            };
        }
        switch (seg.get(2)) {
            case "versions":
                allow(method, "GET");
                return versions(name);
            case "rollback":
                allow(method, "POST");
                requireWriter(principal);
                return rollback(principal, name, req);
            case "invocations":
                allow(method, "GET");
                return invocations(name, req);
            default:
                throw ApiException.notFound("no such resource: /api/v1" + path);
        }
    }

    private Response health() {
        Optional<String> problem = health.problem();
        ObjectNode body = JSON.createObjectNode();
        if (problem.isEmpty()) {
            body.put("status", "ok");
            body.put("database", "ok");
            body.put("schema", platform.schemaVersion());
            body.put("compiler", "ok");
            return ok(200, body);
        }
        // the detail (hosts, driver messages) is for the log and the shell, not for an unauthenticated client
        body.put("status", "degraded");
        body.put("reason", "database unavailable");
        return new Response(503, Map.of("Retry-After", RETRY_AFTER_SECONDS), body);
    }

    private ApiPrincipal authenticate(Request req) {
        String auth = req.header("Authorization");
        Map<String, String> challenge = Map.of("WWW-Authenticate", "Bearer realm=\"picloud\"");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            throw new ApiException(401, "unauthorized", "an API key is required: Authorization: Bearer <key>",
                    challenge, null);
        }
        return keys.authenticate(auth.substring(7).strip()).orElseThrow(() -> new ApiException(401,
                "unauthorized", "invalid or revoked API key",
                Map.of("WWW-Authenticate", "Bearer realm=\"picloud\", error=\"invalid_token\""), null));
    }

    private static ApiPrincipal requireWriter(ApiPrincipal p) {
        if (!p.role().canWrite()) {
            throw new ApiException(403, "forbidden", "the role " + p.role().id() + " may only read");
        }
        return p;
    }

    private Response listScripts() {
        ArrayNode list = JSON.createArrayNode();
        for (ScriptSummary s : store.list()) {
            ObjectNode o = list.addObject();
            o.put("name", s.name());
            o.put("activeVersion", s.activeVersion());
            o.put("activeHash", s.activeHash());
            o.put("latestVersion", s.latestVersion());
            o.put("updatedAt", s.updatedAt().toString());
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("scripts", list);
        return ok(200, body);
    }

    private Response getScript(String name) {
        ScriptVersion v = store.active(name).orElseThrow(() -> noScript(name));
        ObjectNode body = JSON.createObjectNode();
        body.put("name", v.name());
        body.put("version", v.version());
        body.put("hash", v.hash());
        body.put("createdAt", v.createdAt().toString());
        body.put("source", v.source());
        return ok(200, body);
    }

    private Response deploy(ApiPrincipal principal, String name, Request req) {
        String source = source(req);
        List<ScriptProblem> problems = compiler.check(name, source);
        if (problems != null && !problems.isEmpty()) {
            List<Map<String, Object>> details = new ArrayList<>();
            for (ScriptProblem p : problems) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("kind", p.kind());
                d.put("message", p.message());
                d.put("line", p.line());
                d.put("column", p.column());
                details.add(d);
            }
            ScriptProblem first = problems.get(0);
            throw new ApiException(422, "compile_error", first.kind() + " at " + first.line() + ":" + first.column()
                    + ": " + first.message(), Map.of(), details);
        }
        DeployResult result = store.deploy(name, source, principal.userName());
        ScriptVersion v = result.version();
        LOG.info("Script {} version {} deployed by {}", name, v.version(), principal.userName());
        ObjectNode body = JSON.createObjectNode();
        body.put("name", v.name());
        body.put("version", v.version());
        body.put("hash", v.hash());
        if (result.created()) {
            return new Response(201, Map.of("Location", "/api/v1/scripts/" + name), body);
        }
        return ok(200, body);
    }

    private String source(Request req) {
        String contentType = req.header("Content-Type");
        String mime = contentType == null ? "text/plain"
                : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mime.equals("text/plain") || mime.isEmpty()) {
            return new String(req.body(maxBodyBytes), charset(contentType));
        }
        if (mime.equals("application/json")) {
            JsonNode json = readJson(req);
            JsonNode source = json.get("source");
            if (source == null || !source.isTextual()) {
                throw ApiException.badRequest("the JSON body needs a string field \"source\"");
            }
            return source.asText();
        }
        throw new ApiException(415, "unsupported_media_type",
                "send the source as text/plain or as application/json {\"source\": ...}");
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.strip();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").strip());
                    } catch (IllegalArgumentException e) {
                        throw new ApiException(415, "unsupported_media_type", "unknown charset " + p.substring(8));
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private JsonNode readJson(Request req) {
        byte[] body = req.body(maxBodyBytes);
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("the body could not be read");
        }
    }

    private Response delete(ApiPrincipal principal, String name) {
        if (!store.delete(name)) {
            throw noScript(name);
        }
        LOG.info("Script {} deleted by {}", name, principal.userName());
        return new Response(204, Map.of(), null);
    }

    private Response versions(String name) {
        List<ScriptVersion> versions = store.versions(name);
        if (versions.isEmpty()) {
            throw noScript(name);
        }
        int active = store.active(name).map(ScriptVersion::version).orElse(0);
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.put("activeVersion", active);
        ArrayNode list = body.putArray("versions");
        for (ScriptVersion v : versions) {
            ObjectNode o = list.addObject();
            o.put("version", v.version());
            o.put("hash", v.hash());
            o.put("createdAt", v.createdAt().toString());
            o.put("active", v.version() == active);
        }
        return ok(200, body);
    }

    private Response rollback(ApiPrincipal principal, String name, Request req) {
        String contentType = req.header("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "send application/json {\"version\": N}");
        }
        JsonNode version = readJson(req).get("version");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber() || version.asInt() < 1) {
            throw ApiException.badRequest("the JSON body needs a positive integer field \"version\"");
        }
        int n = version.asInt();
        ScriptVersion v = store.rollback(name, n).orElseThrow(() -> store.active(name).isPresent()
                ? ApiException.notFound("script " + name + " has no version " + n) : noScript(name));
        LOG.info("Script {} rolled back to version {} by {}", name, n, principal.userName());
        ObjectNode body = JSON.createObjectNode();
        body.put("name", v.name());
        body.put("version", v.version());
        body.put("hash", v.hash());
        return ok(200, body);
    }

    private Response invocations(String name, Request req) {
        int limit = intParam(req, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(req, "offset", 0, 0, Integer.MAX_VALUE);
        if (store.active(name).isEmpty()) {
            throw noScript(name);
        }
        ArrayNode list = JSON.createArrayNode();
        for (InvocationRecord r : invocations.query(name, limit, offset)) {
            ObjectNode o = list.addObject();
            o.put("script", r.script());
            o.put("version", r.version());
            o.put("trigger", r.trigger());
            o.put("startedAt", r.start().toString());
            o.put("durationUs", r.durationMicros());
            o.put("status", r.status());
            o.put("errorKind", r.errorKind());
            o.put("errorMessage", r.errorMessage());
            ArrayNode out = o.putArray("output");
            if (r.output() != null) {
                r.output().forEach(out::add);
            }
            o.put("operations", r.operations());
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("limit", limit);
        body.put("offset", offset);
        body.set("invocations", list);
        return ok(200, body);
    }

    private static int intParam(Request req, String name, int dflt, int min, int max) {
        String raw = req.query(name);
        if (raw == null || raw.isEmpty()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.badRequest(name + " must be an integer from " + min + " to " + max);
    }

    private static ApiException noScript(String name) {
        return ApiException.notFound("no script named " + name);
    }

    private static void allow(String method, String allowed) {
        for (String m : allowed.split(", ")) {
            if (m.equals(method)) {
                return;
            }
        }
        throw ApiException.methodNotAllowed(method, allowed);
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static Response ok(int status, JsonNode body) {
        return new Response(status, Map.of(), body);
    }

    static Response error(ApiException e) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", e.code);
        error.put("message", e.getMessage());
        if (e.details != null) {
            error.set("details", JSON.valueToTree(e.details));
        }
        return new Response(e.status, e.headers, body);
    }
}
