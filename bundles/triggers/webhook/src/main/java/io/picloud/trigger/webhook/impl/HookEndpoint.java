package io.picloud.trigger.webhook.impl;

import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.rhai.json.RhaiJson;
import io.picloud.trigger.http.support.HttpAnswer;
import io.picloud.trigger.http.support.HttpTriggers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open webhook bindings by path, and the handling of one request without the servlet API: find the binding,
 * verify the signature (401 and no run when it fails), fire and await the script, map its value to a response.
 */
final class HookEndpoint {
    private static final Logger logger = LoggerFactory.getLogger(HookEndpoint.class);

    /** One open binding. */
    record Hook(String bindingId, WebhookConfig config, TriggerCallback callback) {
    }

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
        if (hooks.get(hook.config().path()) != hook) {
            return;                         // not open (closed twice)
        }
        // the tombstone first: a request must never see the hook gone and not yet closed
        Instant now = clock.instant();
        closed.values().removeIf(at -> !now.isBefore(at.plus(REOPEN_GRACE)));
        closed.put(hook.config().path(), now);
        hooks.remove(hook.config().path(), hook);
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

    /** The body as JSON when it is one JSON value, else the text itself. */
    private static Object parsedOr(String text) {
        Object parsed = RhaiJson.parseOrNull(text);
        return parsed != null || text.strip().equals("null") ? parsed : text;
    }

    /**
     * @param path    the part after {@code /hooks/}, without a leading slash
     * @param headers request headers with lower-case names (first value of each)
     */
    HttpAnswer handle(String method, String path, Map<String, String> headers, Map<String, Object> query,
                    byte[] body) {
        Hook hook = path == null ? null : hooks.get(path);
        if (hook == null) {
            if (reopening(path)) {
                return HttpAnswer.error(503, "unavailable", "the webhook is being reopened (plugin update or binding "
                        + "change); retry shortly");
            }
            return HttpAnswer.error(404, "not_found", "no webhook at /hooks/" + (path == null ? "" : path));
        }
        if (!"POST".equals(method)) {
            return HttpAnswer.error(405, "method_not_allowed", "webhooks accept POST only", Map.of("Allow", "POST"));
        }
        WebhookConfig config = hook.config();
        String problem = config.preset().verify(new Preset.Request(headers, body), config,
                clock.instant().getEpochSecond());
        if (problem != null) {
            logger.debug("Webhook /hooks/{} (binding '{}') refused a request: {}", path, hook.bindingId(), problem);
            return HttpAnswer.error(401, "bad_signature", "the request signature could not be verified");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Object payload = parsedOr(text);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("method", method);
        attributes.put("path", "/hooks/" + path);
        attributes.put("headers", new LinkedHashMap<String, Object>(headers));
        attributes.put("query", query);
        attributes.put("body", text);
        attributes.put("preset", config.preset().id());
        TriggerEvent event = new TriggerEvent("/hooks/" + path, payload, attributes, Instant.now(clock));
        return HttpTriggers.fire(hook.callback(), event, timeoutMillis,
                "Webhook /hooks/" + path + " (binding '" + hook.bindingId() + "')");
    }
}
