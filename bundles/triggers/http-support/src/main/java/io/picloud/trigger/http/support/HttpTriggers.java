package io.picloud.trigger.http.support;

import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerResult;
import io.picloud.http.api.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The request handling every HTTP trigger repeats: reading headers and query, firing and waiting, answering. */
public final class HttpTriggers {
    private static final Logger logger = LoggerFactory.getLogger(HttpTriggers.class);

    private HttpTriggers() {
    }

    /**
     * Fires {@code event} on the binding's callback, waits for the script at most {@code timeoutMillis} and returns
     * its answer ({@link HttpAnswer#of}); 504 when it takes longer, 503 with Retry-After when the platform cannot
     * run it (binding closing, plugin stopping, runtime overloaded). Blocks the calling (request) thread.
     *
     * @param what names the binding in log lines, e.g. {@code "route GET /users/{id} (binding 'b1')"}
     */
    public static HttpAnswer fire(TriggerCallback callback, TriggerEvent event, long timeoutMillis, String what) {
        TriggerResult result;
        try {
            result = callback.fire(event).toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return HttpAnswer.error(504, "timeout", "the script did not answer within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpAnswer.unavailable("interrupted while waiting for the script");
        } catch (ExecutionException e) {
            logger.warn("{}: the runtime failed the run: {}", what, String.valueOf(e.getCause()));
            return HttpAnswer.unavailable("the script could not be run now");
        }
        return HttpAnswer.of(result);
    }

    /** The request headers by lower-case name; a repeated header's values joined with {@code ", "}. */
    public static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.forEachHeader((name, value) ->
                headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b));
        return headers;
    }

    /**
     * The API key a caller sent: {@code Authorization: Bearer <key>} (headers with lower-case names), else the
     * {@code key} query parameter; null when none.
     */
    public static String apiKey(Map<String, String> headers, Map<String, Object> query) {
        String auth = headers.get("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = auth.substring(7).strip();
            return key.isEmpty() ? null : key;
        }
        Object key = query.get("key");
        return key instanceof String s && !s.isEmpty() ? s : null;
    }

    /**
     * A raw query string (without {@code ?}, may be null) as a map of decoded names to decoded values; a repeated
     * name's values joined with {@code ","}, a name without {@code =} maps to {@code ""}, an empty name is
     * skipped. Only the query string: a
     * form body is left alone (a webhook's signature covers the raw body).
     */
    public static Map<String, Object> query(String raw) {
        Map<String, Object> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.isEmpty()) {
                continue;
            }
            query.merge(key, eq < 0 ? "" : decode(pair.substring(eq + 1)), (a, b) -> a + "," + b);
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;       // a malformed escape: keep the text as sent
        }
    }
}
