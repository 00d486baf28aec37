package io.picloud.http.server.impl;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.TryExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.picloud.http.api.BodyTooLargeException;
import io.picloud.http.api.HttpEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Routes each request to the endpoint with the longest matching prefix. Jetty calls this handler on the I/O thread
 * that parsed the request (it is a non-blocking handler): the endpoint may answer there
 * ({@link HttpEndpoint#handleInline}); when it does not, the request goes to a worker thread, where the endpoint may
 * block.
 *
 * <p>Requests are routed by Jetty's canonical path, in which an encoded {@code /} stays inside its segment: the
 * prefix {@code /api} never matches {@code /api%2Fv1}, nor {@code /fn/..%2Fapi}. A path with dot segments, as sent
 * or once decoded, is refused before any endpoint sees it ({@link PathGuard}).
 */
final class EndpointHandler extends Handler.Abstract.NonBlocking {
    private static final Logger logger = LoggerFactory.getLogger(EndpointHandler.class);

    static final String RETRY_AFTER_SECONDS = "1";

    private final EndpointRoutes routes;
    private final Executor workers;
    private final BodyLimits bodyLimits;
    private final Set<JettyStream> streams = ConcurrentHashMap.newKeySet();

    EndpointHandler(EndpointRoutes routes, Executor workers, BodyLimits bodyLimits) {
        this.routes = routes;
        this.workers = workers;
        this.bodyLimits = bodyLimits;
    }

    /**
     * Ends every open streamed answer, as when its client went away: a server that stops would otherwise wait its
     * whole stop timeout for answers that never end by themselves.
     */
    void endStreams() {
        for (JettyStream stream : List.copyOf(streams)) {
            stream.fail(new IOException("the server is stopping"));
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpURI uri = request.getHttpURI();
        String canonical = uri.getCanonicalPath();
        if (PathGuard.refuses(uri.getPath())) {
            refuse(request, response, callback, 400, "bad_request",
                    "the path has '.' or '..' segments, as sent or once decoded");
            return true;
        }
        EndpointRoutes.Route route = canonical == null ? null : routes.find(canonical);
        if (route == null) {
            String path = canonical == null ? null : uri.getDecodedPath();
            if (path != null && routes.departedRecently(canonical)) {
                // its plugin is being updated or reinstalled: a client that retries gets through
                refuse(request, response, callback, 503, "unavailable", "the endpoint at " + path
                        + " is being replaced; retry shortly");
                return true;
            }
            refuse(request, response, callback, 404, "not_found",
                    "nothing is served at " + (path == null ? "?" : path));
            return true;
        }
        JettyExchange exchange = new JettyExchange(request, response, callback, uri.getDecodedPath(), canonical,
                route.length(), streams, bodyLimits);
        if (!answeredInline(route, exchange)) {
            Runnable onWorker = () -> handleOnWorker(route, exchange);
            try {
                // a reserved (idle, parked) thread takes it directly: the pool's queue is a lock that every idle
                // worker polls, and an I/O thread waiting for it while its holder was preempted stalled all of its
                // connections (JFR: 10+ ms waits in QueuedThreadPool.execute under POST load)
                if (!(workers instanceof TryExecutor reserved && reserved.tryExecute(onWorker))) {
                    workers.execute(onWorker);
                }
            } catch (RejectedExecutionException e) {
                exchange.fail(503, "overloaded", "the server is busy; retry shortly");
            }
        }
        return true;
    }

    /** An answer before any endpoint: the body, if any, is dropped after it as for the answers of endpoints. */
    private void refuse(Request request, Response response, Callback callback, int status, String code,
                        String message) {
        sendError(response, new RequestBody(request, bodyLimits).afterAnswer(response, callback), status, code,
                message);
    }

    /** True when the endpoint answered on this I/O thread, or failed trying (and was answered for). */
    private static boolean answeredInline(EndpointRoutes.Route route, JettyExchange exchange) {
        try {
            return route.endpoint().handleInline(exchange) || exchange.answered();
        } catch (Throwable e) {
            failed(route, exchange, e);
            return true;
        }
    }

    private static void handleOnWorker(EndpointRoutes.Route route, JettyExchange exchange) {
        try {
            route.endpoint().handle(exchange);
            if (!exchange.answered()) {
                logger.error("Endpoint {} returned without answering {} {}", route.prefix(), exchange.method(),
                        exchange.path());
                exchange.fail(500, "internal", "internal error");
            }
        } catch (Throwable e) {
            failed(route, exchange, e);
        }
    }

    /**
     * Answers for an endpoint that threw, never with what it threw: a JSON 500 without details, the exception
     * logged. LinkageError: the endpoint's bundle went away mid-request; IOException: the client went away, nobody
     * to answer (or the server answered already, as for a body that arrived too slowly). An error of the JVM other
     * than a stack overflow is thrown on after the answer.
     */
    private static void failed(EndpointRoutes.Route route, JettyExchange exchange, Throwable e) {
        try {
            answerFailure(route, exchange, e);
        } finally {
            if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
                throw fatal;
            }
        }
    }

    private static void answerFailure(EndpointRoutes.Route route, JettyExchange exchange, Throwable e) {
        if (exchange.answered()) {
            return;
        }
        if (e instanceof BodyTooLargeException) {
            exchange.fail(413, "payload_too_large", e.getMessage());
        } else if (e instanceof IOException io) {
            exchange.abort(io);
        } else {
            logger.error("Endpoint {} failed on {} {}", route.prefix(), exchange.method(), exchange.path(), e);
            exchange.fail(500, "internal", "internal error");
        }
    }

    static void sendError(Response response, Callback callback, int status, String code, String message) {
        if (status == 503) {
            response.getHeaders().put("Retry-After", RETRY_AFTER_SECONDS);
        }
        response.setStatus(status);
        response.getHeaders().put("Content-Type", JsonErrors.CONTENT_TYPE);
        response.getHeaders().put("Cache-Control", "no-store");
        response.write(true, ByteBuffer.wrap(JsonErrors.body(code, message)), callback);
    }
}
