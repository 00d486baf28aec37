package io.picloud.trigger.webhook.impl;

import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
            return new Response(status, "application/json", Json.write(Map.of("error", error)),
                    status == 503 ? Map.of("Retry-After", RETRY_AFTER_SECONDS) : Map.of());
        }
    }

    static final String RETRY_AFTER_SECONDS = "5";
    /** How long a closed hook, or an endpoint that has not opened any hook yet, answers 503 rather than 404. */
    static final Duration REOPEN_GRACE = Duration.ofSeconds(5);

    private final Map<String, Hook> hooks = new ConcurrentHashMap<>();
    private final Map<String, Instant> closed = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Instant created;
    private volatile boolean opened;
    private volatile long timeoutMillis;

    HookEndpoint(Clock clock, long timeoutMillis) {
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
        this.created = clock.instant();
    }

    void setTimeoutMillis(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** Adds a hook; returns the binding id already serving the path, or null when added. */
    String add(Hook hook) {
        Hook existing = hooks.putIfAbsent(hook.config().path(), hook);
        if (existing != null) {
            return existing.bindingId();
        }
        opened = true;
        closed.remove(hook.config().path());
        return null;
    }

    void remove(Hook hook) {
        if (hooks.remove(hook.config().path(), hook)) {
            Instant now = clock.instant();
            closed.values().removeIf(at -> !now.isBefore(at.plus(REOPEN_GRACE)));
            closed.put(hook.config().path(), now);
        }
    }

    /**
     * True when no hook serves {@code path} probably only for a moment: the endpoint is new and has opened nothing
     * yet (the runtime is opening the bindings of a plugin that just started), or the hook at {@code path} closed
     * within the grace period (plugin update, binding change).
     */
    private boolean reopening(String path) {
        Instant now = clock.instant();
        if (!opened && now.isBefore(created.plus(REOPEN_GRACE))) {
            return true;
        }
        Instant closedAt = path == null ? null : closed.get(path);
        return closedAt != null && now.isBefore(closedAt.plus(REOPEN_GRACE));
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
            if (reopening(path)) {
                return Response.error(503, "unavailable", "the webhook is being reopened (plugin update or binding "
                        + "change); retry shortly");
            }
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
