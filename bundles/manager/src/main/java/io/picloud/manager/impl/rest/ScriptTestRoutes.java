package io.picloud.manager.impl.rest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.picloud.api.Dispatcher;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ScriptProblem;
import io.picloud.api.control.ScriptTestService;
import io.picloud.http.script.RequestMaps;
import io.picloud.http.script.ScriptAnswer;

/**
 * {@code POST /scripts/{name}/test}, the dashboard's "try it": the request /fn would have received, built by /fn's
 * own {@link RequestMaps} (the one builder of every script endpoint), run by the {@link ScriptTestService}, and
 * answered with what /fn would have sent ({@link ScriptAnswer}) together with how the run went.
 */
final class ScriptTestRoutes {
    static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    /** Retry-After of a 503 at the script's concurrency limit, as /fn's default. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final ScriptTestService tests;

    ScriptTestRoutes(ScriptTestService tests) {
        this.tests = tests;
    }

    void register(RouteTable t) {
        t.add("POST", "/scripts/{name}/test", this::test);
    }

    private ApiResponse test(Call c) {
        String name = c.param("name");
        Bodies.TestRequest r = Json.readOrEmpty(c.request(), c.maxBodyBytes(), Bodies.TestRequest.class,
                new Bodies.TestRequest(null, null, null, null, null));
        String method = r.method() == null ? "GET" : r.method().toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(method).matches()) {
            throw ApiException.badRequest("method", "method must be an HTTP method such as GET or POST");
        }
        String rest = r.path() == null ? "" : r.path();
        if (!rest.isEmpty() && !rest.startsWith("/")) {
            throw ApiException.badRequest("path", "path is what follows /fn/" + name + " and starts with /");
        }
        String query = r.query() == null || r.query().isEmpty() ? null
                : r.query().startsWith("?") ? r.query().substring(1) : r.query();
        Map<String, Object> headers = new HashMap<>();
        if (r.headers() != null) {
            r.headers().forEach((k, v) -> RequestMaps.addHeader(headers, k, v == null ? "" : v));
        }
        Object contentType = headers.get("content-type");
        String body = r.body() == null ? "" : r.body();
        Map<String, Object> request = RequestMaps.build(method, "/fn/" + name + rest, query, headers, body,
                contentType == null ? null : contentType.toString(), RequestMaps.Target.of("/" + name + rest));
        return ApiResponse.ok(result(tests.test(c.principal(), name, request)));
    }

    static Bodies.TestResult result(Dispatcher.Dispatch d) {
        ExecutionOutcome o = d.outcome();
        ScriptAnswer a = ScriptAnswer.of(o, RETRY_AFTER_SECONDS, d.version().name());
        byte[] bytes = a.body();
        String text = bytes.length == 0 ? null : text(a.contentType(), bytes);
        String base64 = bytes.length == 0 || text != null ? null : Base64.getEncoder().encodeToString(bytes);
        ScriptProblem p = o.problem();
        Bodies.TestError error = p == null ? null : new Bodies.TestError(p.kind(), p.message(), p.line(), p.column());
        return new Bodies.TestResult(a.status(), a.headers(), a.contentType(), text, base64, o.durationMicros(),
                o.operations(), o.output() == null ? java.util.List.of() : o.output(), error, d.version().version());
    }

    /** The body as text when its type is textual and it is valid UTF-8; null when it should go as base64. */
    static String text(String contentType, byte[] bytes) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean textual = type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.startsWith("application/x-www-form-urlencoded");
        if (!textual) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
