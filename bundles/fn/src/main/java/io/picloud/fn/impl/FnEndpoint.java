package io.picloud.fn.impl;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.RunStore;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.control.EndpointAccess;
import io.picloud.api.control.RateLimiter;
import io.picloud.http.api.BodyTooLargeException;
import io.picloud.http.api.HttpEndpoint;
import io.picloud.http.api.HttpExchange;
import io.picloud.trigger.http.fn.FnAnswer;
import io.picloud.trigger.http.fn.RequestMaps;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The script endpoints: any method on {@code /fn/{name}} and {@code /fn/{name}/{rest...}} becomes an {@code http}
 * event for script {@code name}, and the script's value becomes the response (see {@link FnAnswer}, shared with
 * the dashboard's "try it"). With {@code Prefer: respond-async} the request is queued as a run instead
 * ({@link AsyncRuns}).
 */
@Component(service = HttpEndpoint.class, configurationPid = "io.picloud.fn",
        property = HttpEndpoint.PREFIX + "=/fn")
@Designate(ocd = FnEndpoint.Config.class)
public class FnEndpoint implements HttpEndpoint {
    private static final Logger logger = LoggerFactory.getLogger(FnEndpoint.class);

    @ObjectClassDefinition(name = "PiCloud script endpoints", description = "The /fn/{name} script endpoints.")
    public @interface Config {
        @AttributeDefinition(description = "Largest accepted request body, in bytes (larger: 413)")
        long maxBodyBytes() default 1 << 20;

        @AttributeDefinition(description = "Retry-After seconds sent with 503 answers")
        int retryAfterSeconds() default 1;
    }

    private final Dispatcher dispatcher;
    private final EndpointAccess access;
    private final RateLimiter limiter;
    private final AsyncRuns async;
    private volatile long maxBodyBytes;
    private volatile int retryAfterSeconds;

    @Activate
    public FnEndpoint(@Reference Dispatcher dispatcher, @Reference EndpointAccess access,
                      @Reference RateLimiter limiter, @Reference RunStore runs, Config config) {
        this.dispatcher = dispatcher;
        this.access = access;
        this.limiter = limiter;
        this.async = new AsyncRuns(runs);
        modified(config);
    }

    /** For tests: no rate limits. */
    FnEndpoint(Dispatcher dispatcher, EndpointAccess access, RunStore runs, Config config) {
        this(dispatcher, access, new RateLimiter() {
            @Override
            public Admission admitScript(String script) {
                return Admission.ADMITTED;
            }

            @Override
            public boolean limits(String script) {
                return false;
            }

            @Override
            public Admission admitKey(long keyId) {
                return Admission.ADMITTED;
            }
        }, runs, config);
    }

    @Modified
    void modified(Config config) {
        maxBodyBytes = Math.max(0, config.maxBodyBytes());
        retryAfterSeconds = Math.max(0, config.retryAfterSeconds());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        RequestMaps.Target target = RequestMaps.Target.of(exchange.pathWithinPrefix());
        if (target == null) {
            send(exchange, FnAnswer.failure(404, "not_found", "no script named in the path; use /fn/{name}"));
            return;
        }
        FnAnswer denied;
        try {
            denied = denied(exchange, target.name());
        } catch (StoreUnavailableException e) {
            // the access check reads the script's owner and access: without the database it cannot tell
            denied = FnAnswer.unavailable(retryAfterSeconds);
        }
        if (denied != null) {
            send(exchange, denied);
            return;
        }
        FnAnswer limited = rateLimited(target.name());
        if (limited != null) {
            send(exchange, limited);
            return;
        }
        String body;
        try {
            body = new String(exchange.body(maxBodyBytes), charsetOf(exchange.contentType()));
        } catch (BodyTooLargeException e) {
            send(exchange, FnAnswer.tooLarge(maxBodyBytes));
            return;
        }
        Event event = event(exchange, target, body);
        send(exchange, AsyncRuns.requested(exchange) ? async.submit(exchange, event, retryAfterSeconds)
                : dispatch(event));
    }

    /** A request without a body to a script that runs inline is answered on the I/O thread (see the executor). */
    @Override
    public boolean handleInline(HttpExchange exchange) throws IOException {
        RequestMaps.Target target = RequestMaps.Target.of(exchange.pathWithinPrefix());
        if (target == null || exchange.hasBody() || AsyncRuns.requested(exchange)) {
            return false; // queueing writes to the database: never on the I/O thread
        }
        FnAnswer denied;
        try {
            denied = denied(exchange, target.name());
        } catch (RuntimeException e) {
            return false; // the blocking path reports it
        }
        if (denied != null) {
            send(exchange, denied);
            return true;
        }
        if (limiter.limits(target.name())) {
            return false; // the blocking path takes the token: one call, one token
        }
        Dispatcher.Dispatch dispatch;
        try {
            dispatch = dispatcher.dispatchInline(event(exchange, target, ""));
        } catch (RuntimeException e) {
            return false; // the blocking path reports it
        }
        if (dispatch == null) {
            return false;
        }
        send(exchange, FnAnswer.of(dispatch.outcome(), retryAfterSeconds).withInvocation(dispatch.ref()));
        return true;
    }

    /** The 401/403 answer for a script with {@code access = key}, or null when the call may go ahead. */
    private FnAnswer denied(HttpExchange exchange, String script) {
        EndpointAccess.Decision d = access.check(script, EndpointKeys.of(exchange));
        return d == EndpointAccess.Decision.ALLOW ? null
                : FnAnswer.denied(d == EndpointAccess.Decision.UNAUTHENTICATED, script);
    }

    /** The 429 answer when the script's rate limit refuses this call (it takes a token otherwise), or null. */
    private FnAnswer rateLimited(String script) {
        RateLimiter.Admission admission;
        try {
            admission = limiter.admitScript(script);
        } catch (StoreUnavailableException e) {
            return FnAnswer.unavailable(retryAfterSeconds);
        }
        return admission.admitted() ? null : FnAnswer.rateLimited(script, admission.retryAfterSeconds());
    }

    private static Event event(HttpExchange exchange, RequestMaps.Target target, String body) {
        Map<String, Object> headers = new HashMap<>();
        exchange.forEachHeader((name, value) -> RequestMaps.addHeader(headers, name, value));
        String path = exchange.path();
        Map<String, Object> request = RequestMaps.build(exchange.method(), path, exchange.query(), headers, body,
                exchange.contentType(), target);
        return new Event("http", path, target.name(), request, Instant.now());
    }

    private FnAnswer dispatch(Event event) {
        try {
            Optional<Dispatcher.Dispatch> dispatch = dispatcher.dispatch(event);
            return dispatch.isEmpty() ? FnAnswer.notFound(event.script())
                    : FnAnswer.of(dispatch.get().outcome(), retryAfterSeconds).withInvocation(dispatch.get().ref());
        } catch (StoreUnavailableException e) {
            return FnAnswer.unavailable(retryAfterSeconds);
        } catch (RuntimeException e) {
            logger.error("Dispatch of '{}' failed", event.script(), e);
            return FnAnswer.failure(500, "internal", "internal error");
        }
    }

    /** The charset named in a {@code Content-Type}, UTF-8 when none or unknown. */
    static Charset charsetOf(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        String name = contentType.substring(at + 8).split("[;\\s]", 2)[0].replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static void send(HttpExchange exchange, FnAnswer answer) throws IOException {
        exchange.respond(answer.status(), answer.headers(), answer.contentType(), answer.body());
    }
}
