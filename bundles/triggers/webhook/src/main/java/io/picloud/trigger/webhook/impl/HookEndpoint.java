package io.picloud.trigger.webhook.impl;

import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The open webhook bindings by path, and the handling of one request without the servlet API: find the binding,
 * verify the signature (401 and no run when it fails), fire and await the script, map its value to a response.
 */
final class HookEndpoint {
    private static final Logger logger = LoggerFactory.getLogger(HookEndpoint.class);

    /** One open binding. */
    record Hook(String bindingId, WebhookConfig config, TriggerCallback callback) {
    }

    /** What to send back. */
    record Response(int status, String contentType, String body, Map<String, String> headers) {
        static Response error(int status, String code, String message) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message);
            return new Response(status, "application/json", Json.write(Map.of("error", error)), Map.of());
        }
    }

    private final Map<String, Hook> hooks = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile long timeoutMillis;

    HookEndpoint(Clock clock, long timeoutMillis) {
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
    }

    void setTimeoutMillis(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** Adds a hook; returns the binding id already serving the path, or null when added. */
    String add(Hook hook) {
        Hook existing = hooks.putIfAbsent(hook.config().path(), hook);
        return existing == null ? null : existing.bindingId();
    }

    void remove(Hook hook) {
        hooks.remove(hook.config().path(), hook);
    }

    int size() {
        return hooks.size();
    }

    /**
     * @param path    the part after {@code /hooks/}, without a leading slash
     * @param headers request headers with lower-case names (first value of each)
     */
    Response handle(String method, String path, Map<String, String> headers, Map<String, Object> query,
                    byte[] body) {
        Hook hook = path == null ? null : hooks.get(path);
        if (hook == null) {
            return Response.error(404, "not_found", "no webhook at /hooks/" + (path == null ? "" : path));
        }
        if (!"POST".equals(method)) {
            return new Response(405, "application/json", Json.write(Map.of("error", Map.of("code",
                    "method_not_allowed", "message", "webhooks accept POST only"))), Map.of("Allow", "POST"));
        }
        WebhookConfig config = hook.config();
        String problem = config.preset().verify(new Preset.Request(headers, body), config,
                clock.instant().getEpochSecond());
        if (problem != null) {
            logger.debug("Webhook /hooks/{} (binding '{}') refused a request: {}", path, hook.bindingId(), problem);
            return Response.error(401, "bad_signature", "the request signature could not be verified");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Object payload = Json.parseOr(text, text);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("method", method);
        attributes.put("path", "/hooks/" + path);
        attributes.put("headers", new LinkedHashMap<String, Object>(headers));
        attributes.put("query", query);
        attributes.put("body", text);
        attributes.put("preset", config.preset().id());
        TriggerEvent event = new TriggerEvent("/hooks/" + path, payload, attributes, Instant.now(clock));
        TriggerResult result;
        try {
            result = hook.callback().fire(event).toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Response.error(504, "timeout", "the script did not answer within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.error(503, "unavailable", "interrupted while waiting for the script");
        } catch (ExecutionException e) {
            logger.warn("Webhook /hooks/{}: the runtime failed the run: {}", path, e.getCause().toString());
            return Response.error(503, "unavailable", "the script could not be run");
        }
        return answer(result);
    }

    static Response answer(TriggerResult result) {
        if (!result.succeeded()) {
            if (TriggerResult.SCRIPT_NOT_FOUND.equals(result.errorKind())) {
                return Response.error(404, "script_not_found", result.message());
            }
            if (TriggerResult.UNAVAILABLE.equals(result.errorKind())) {
                return Response.error(503, "unavailable", result.message());
            }
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("kind", result.errorKind());
            error.put("message", result.message());
            error.put("line", result.line());
            error.put("column", result.column());
            return new Response(500, "application/json", Json.write(Map.of("error", error)), Map.of());
        }
        Object value = result.value();
        if (value == null) {
            return new Response(204, null, null, Map.of());
        }
        if (value instanceof String) {
            return new Response(200, "text/plain; charset=utf-8", (String) value, Map.of());
        }
        if (value instanceof Map<?, ?> map && map.get("status") instanceof Number status) {
            int code = status.intValue();
            if (code >= 100 && code <= 599) {
                Map<String, String> headers = new LinkedHashMap<>();
                if (map.get("headers") instanceof Map<?, ?> h) {
                    h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
                }
                Object body = map.get("body");
                if (body == null) {
                    return new Response(code, null, null, headers);
                }
                if (body instanceof String s) {
                    return new Response(code, headers.containsKey("content-type") ? null
                            : "text/plain; charset=utf-8", s, headers);
                }
                return new Response(code, "application/json", Json.write(body), headers);
            }
        }
        if (value instanceof Map || value instanceof List) {
            return new Response(200, "application/json", Json.write(value), Map.of());
        }
        return new Response(200, "text/plain; charset=utf-8", String.valueOf(value), Map.of());
    }
}
