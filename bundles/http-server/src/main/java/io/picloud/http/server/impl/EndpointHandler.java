package io.picloud.http.server.impl;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.picloud.trigger.api.http.BodyTooLargeException;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Routes each request to the endpoint with the longest matching prefix. Endpoints block (they run scripts), so
 * this handler is a blocking one and Jetty calls it on a worker thread.
 */
final class EndpointHandler extends Handler.Abstract {
    private static final Logger logger = LoggerFactory.getLogger(EndpointHandler.class);

    static final String RETRY_AFTER_SECONDS = "1";

    private final EndpointRoutes routes;

    EndpointHandler(EndpointRoutes routes) {
        this.routes = routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        EndpointRoutes.Route route = path == null ? null : routes.find(path);
        if (route == null) {
            if (path != null && routes.departedRecently(path)) {
                // its plugin is being updated or reinstalled: a client that retries gets through
                response.getHeaders().put("Retry-After", RETRY_AFTER_SECONDS);
                sendError(response, callback, 503, "unavailable", "the endpoint at " + path
                        + " is being replaced; retry shortly");
                return true;
            }
            sendError(response, callback, 404, "not_found", "nothing is served at " + (path == null ? "?" : path));
            return true;
        }
        JettyExchange exchange = new JettyExchange(request, response, callback, path, route.prefix().length());
        try {
            route.endpoint().handle(exchange);
            if (!exchange.answered()) {
                logger.error("Endpoint {} returned without answering {} {}", route.prefix(), request.getMethod(), path);
                sendError(response, callback, 500, "internal", "internal error");
            }
        } catch (BodyTooLargeException e) {
            if (!exchange.answered()) {
                sendError(response, callback, 413, "payload_too_large", e.getMessage());
            }
        } catch (IOException e) {
            if (!exchange.answered()) {
                callback.failed(e); // the client went away: nobody to answer
            }
        } catch (RuntimeException | LinkageError e) { // LinkageError: the endpoint's bundle went away mid-request
            logger.error("Endpoint {} failed on {} {}", route.prefix(), request.getMethod(), path, e);
            if (!exchange.answered()) {
                sendError(response, callback, 500, "internal", "internal error");
            }
        }
        return true;
    }

    static void sendError(Response response, Callback callback, int status, String code, String message) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", JsonErrors.CONTENT_TYPE);
        response.getHeaders().put("Cache-Control", "no-store");
        response.write(true, ByteBuffer.wrap(JsonErrors.body(code, message)), callback);
    }
}
