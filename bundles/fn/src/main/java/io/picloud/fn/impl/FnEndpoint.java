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
import io.picloud.api.control.KnownScripts;
import io.picloud.http.script.RequestMaps;
import io.picloud.http.script.ScriptAnswer;
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
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The script endpoints: any method on {@code /fn/{name}} and {@code /fn/{name}/{rest...}} becomes an {@code http}
 * event for script {@code name}, and the script's value becomes the response. The request map and the answer are
 * those of every script endpoint ({@link RequestMaps}, {@link ScriptAnswer}, shared with routes, webhooks and the
 * dashboard's "try it"). With {@code Prefer: respond-async} the request is queued as a run instead
 * ({@link AsyncRuns}). The body is read only for a script that may exist, and decoded and parsed once; a request
 * without a body runs on the I/O thread only when the dispatcher says it may ({@link Dispatcher#mayDispatchInline}),
 * asked before any request map is built.
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

    /** The message of a 503 while the script store is away. */
    static final String STORE_AWAY = "the script store is unavailable; retry later";
    private static final byte[] NO_BODY = new byte[0];

    private final Dispatcher dispatcher;
    private final EndpointAccess access;
    private final KnownScripts known;
    private final RateLimiter limiter;
    private final AsyncRuns async;
    private volatile long maxBodyBytes;
    private volatile int retryAfterSeconds;

    @Activate
    public FnEndpoint(@Reference Dispatcher dispatcher, @Reference EndpointAccess access,
                      @Reference RateLimiter limiter, @Reference RunStore runs, @Reference KnownScripts known,
                      Config config) {
        this.dispatcher = dispatcher;
        this.access = access;
        this.known = known;
        this.limiter = limiter;
        this.async = new AsyncRuns(runs);
        modified(config);
    }

    /** For tests: no rate limits, every name may exist. */
    FnEndpoint(Dispatcher dispatcher, EndpointAccess access, RunStore runs, Config config) {
        this(dispatcher, access, runs, name -> true, config);
    }

    /** For tests: no rate limits. */
    FnEndpoint(Dispatcher dispatcher, EndpointAccess access, RunStore runs, KnownScripts known, Config config) {
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
        }, runs, known, config);
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
            send(exchange, ScriptAnswer.failure(404, "not_found", "no script named in the path; use /fn/{name}"));
            return;
        }
        ScriptAnswer refused;
        try {
            refused = denied(exchange, target.name());
        } catch (StoreUnavailableException e) {
            // the access check reads the script's owner and access: without the database it cannot tell
            refused = ScriptAnswer.unavailable(STORE_AWAY, retryAfterSeconds);
        }
        if (refused == null) {
            refused = rateLimited(target.name());
        }
        if (refused == null && !known.mayExist(target.name())) {
            refused = ScriptAnswer.notFound(target.name()); // before reading a body nothing would see
        }
        if (refused != null) {
            send(exchange, refused);
            return;
        }
        byte[] body;
        try {
            body = exchange.body(maxBodyBytes);
        } catch (BodyTooLargeException e) {
            send(exchange, ScriptAnswer.tooLarge(maxBodyBytes));
            return;
        }
        Event event = event(exchange, target, body);
        send(exchange, AsyncRuns.requested(exchange) ? async.submit(exchange, event, retryAfterSeconds)
                : dispatch(event));
    }

    /**
     * A request without a body to a script the dispatcher may run inline is answered on the I/O thread (see the
     * executor); asked before the request map is built.
     */
    @Override
    public boolean handleInline(HttpExchange exchange) throws IOException {
        RequestMaps.Target target = RequestMaps.Target.of(exchange.pathWithinPrefix());
        if (target == null || exchange.hasBody() || AsyncRuns.requested(exchange)) {
            return false; // queueing writes to the database: never on the I/O thread
        }
        if (!dispatcher.mayDispatchInline(target.name())) {
            return false; // the worker builds the request map, once
        }
        ScriptAnswer denied;
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
            dispatch = dispatcher.dispatchInline(event(exchange, target, NO_BODY));
        } catch (RuntimeException e) {
            return false; // the blocking path reports it
        }
        if (dispatch == null) {
            return false;
        }
        send(exchange, ScriptAnswer.of(dispatch.outcome(), retryAfterSeconds, target.name())
                .withInvocation(dispatch.ref()));
        return true;
    }

    /** The 401/403 answer for a script with {@code access = key}, or null when the call may go ahead. */
    private ScriptAnswer denied(HttpExchange exchange, String script) {
        EndpointAccess.Decision d = access.check(script, RequestMaps.apiKey(exchange));
        return d == EndpointAccess.Decision.ALLOW ? null
                : ScriptAnswer.denied(d == EndpointAccess.Decision.UNAUTHENTICATED, "script '" + script + "'");
    }

    /** The 429 answer when the script's rate limit refuses this call (it takes a token otherwise), or null. */
    private ScriptAnswer rateLimited(String script) {
        RateLimiter.Admission admission;
        try {
            admission = limiter.admitScript(script);
        } catch (StoreUnavailableException e) {
            return ScriptAnswer.unavailable(STORE_AWAY, retryAfterSeconds);
        }
        return admission.admitted() ? null : ScriptAnswer.rateLimited(script, admission.retryAfterSeconds());
    }

    /** The {@code http} event of a request: its request map, built once, with the body decoded and parsed once. */
    private static Event event(HttpExchange exchange, RequestMaps.Target target, byte[] body) {
        Map<String, Object> request = RequestMaps.of(exchange, body, target.params());
        return new Event("http", exchange.path(), target.name(), request, Instant.now());
    }

    private ScriptAnswer dispatch(Event event) {
        try {
            Optional<Dispatcher.Dispatch> dispatch = dispatcher.dispatch(event);
            return dispatch.isEmpty() ? ScriptAnswer.notFound(event.script())
                    : ScriptAnswer.of(dispatch.get().outcome(), retryAfterSeconds, event.script())
                    .withInvocation(dispatch.get().ref());
        } catch (StoreUnavailableException e) {
            return ScriptAnswer.unavailable(STORE_AWAY, retryAfterSeconds);
        } catch (RuntimeException e) {
            logger.error("Dispatch of '{}' failed", event.script(), e);
            return ScriptAnswer.failure(500, "internal", "internal error");
        }
    }

    private static void send(HttpExchange exchange, ScriptAnswer answer) throws IOException {
        answer.send(exchange);
    }
}
