package io.picloud.trigger.webhook.impl;

import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.http.script.HttpTriggers;
import io.picloud.http.script.RequestMaps;
import io.picloud.http.script.ScriptAnswer;
import io.picloud.rhai.json.RhaiJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open webhook bindings by path, and the handling of one request without the servlet API: find the binding
 * ({@link #select}, before the body is read), verify the signature over the raw body ({@link #verify}: 401 and no
 * run when it fails), then fire the script with the request map every script endpoint builds and answer its value
 * as {@code /fn} does ({@link #fire}).
 */
final class HookEndpoint {
    private static final Logger logger = LoggerFactory.getLogger(HookEndpoint.class);

    /** One open binding. */
    record Hook(String bindingId, WebhookConfig config, TriggerCallback callback, String what) {
        /** {@code what} names the binding in log lines; made once here, not on every request. */
        Hook(String bindingId, WebhookConfig config, TriggerCallback callback) {
            this(bindingId, config, callback, "Webhook /hooks/" + config.path() + " (binding '" + bindingId + "')");
        }
    }

    /** How long a closed hook, or an endpoint that has not opened any hook yet, answers 503 rather than 404. */
    static final Duration REOPEN_GRACE = Duration.ofSeconds(5);

    private final Map<String, Hook> hooks = new ConcurrentHashMap<>();
    private final Map<String, Instant> closed = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Instant created;
    private volatile boolean opened;

    HookEndpoint(Clock clock) {
        this.clock = clock;
        this.created = clock.instant();
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

    /** The hook chosen for a request, or the answer when there is none ({@code answer} non-null). */
    record Selection(Hook hook, ScriptAnswer answer) {
        /** Names the binding in log lines. */
        String what() {
            return hook.what();
        }
    }

    /**
     * The hook at {@code path} (the part after {@code /hooks/}, without a leading slash; null for none): 503 while
     * it reopens, 404 when there is none, 405 for a method other than POST. From memory, before any body is read.
     */
    Selection select(String method, String path) {
        Hook hook = path == null ? null : hooks.get(path);
        if (hook == null) {
            if (reopening(path)) {
                return new Selection(null, HttpTriggers.unavailable("the webhook is being reopened (plugin update "
                        + "or binding change); retry shortly"));
            }
            return new Selection(null, ScriptAnswer.failure(404, "not_found", "no webhook at /hooks/"
                    + (path == null ? "" : path)));
        }
        if (!"POST".equals(method)) {
            return new Selection(null, ScriptAnswer.failure(405, "method_not_allowed", "webhooks accept POST only",
                    Map.of("Allow", "POST")));
        }
        return new Selection(hook, null);
    }

    /**
     * Null when the request is signed as the hook's preset requires, else the 401 (logged at debug level: a
     * stranger's requests must not fill the log).
     *
     * @param headers request headers by lower-case name
     * @param body    the raw body, as signed
     */
    ScriptAnswer verify(Selection selection, Map<String, ?> headers, byte[] body) {
        WebhookConfig config = selection.hook().config();
        String problem = config.preset().verify(new Preset.Request(headers, body), config,
                clock.instant().getEpochSecond());
        if (problem == null) {
            return null;
        }
        logger.debug("{} refused a request: {}", selection.what(), problem);
        return ScriptAnswer.failure(401, "bad_signature", "the request signature could not be verified");
    }

    /**
     * Runs the hook's script with {@code request} (the request map, which gets {@code preset} added) and waits for
     * its answer. The event's payload is the JSON body already parsed into the map, else the body parsed as any
     * JSON value when its type does not declare JSON (a JSON text sent as text/plain, a scalar), else the text.
     */
    ScriptAnswer fire(Selection selection, Map<String, Object> request, String contentType) {
        Hook hook = selection.hook();
        request.put("preset", hook.config().preset().id());
        Object payload = request.get("json");
        if (payload == null) {
            String text = (String) request.get("body");
            // RequestMaps parsed a body that declares JSON: not JSON then, no second try
            payload = RequestMaps.declaresJson(contentType) ? text : parsedOr(text);
        }
        TriggerEvent event = new TriggerEvent("/hooks/" + hook.config().path(), payload, request, Instant.now(clock));
        return HttpTriggers.fire(hook.callback(), event, selection.what());
    }

    /** The body as JSON when it is one JSON value, else the text itself. */
    private static Object parsedOr(String text) {
        Object parsed = RhaiJson.parseOrNull(text);
        return parsed != null || text.strip().equals("null") ? parsed : text;
    }

    /**
     * Handles a whole request (select, verify, build the request map, fire): for tests without HTTP.
     *
     * @param path    the part after {@code /hooks/}, without a leading slash
     * @param headers request headers with lower-case names
     * @param query   the raw query string, may be null
     */
    ScriptAnswer handle(String method, String path, Map<String, String> headers, String query, byte[] body) {
        Selection selection = select(method, path);
        if (selection.answer() != null) {
            return selection.answer();
        }
        ScriptAnswer refused = verify(selection, headers, body);
        if (refused != null) {
            return refused;
        }
        String contentType = headers.get("content-type");
        Map<String, Object> request = RequestMaps.build(method, "/hooks/" + path, query, new HashMap<>(headers),
                RequestMaps.text(body, contentType), contentType, new HashMap<>());
        return fire(selection, request, contentType);
    }
}
