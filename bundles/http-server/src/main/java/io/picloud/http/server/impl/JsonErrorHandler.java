package io.picloud.http.server.impl;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself (malformed requests, headers too large, an exception that escaped a handler) in
 * PiCloud's JSON error shape. Jetty's message goes to the client only when it is a short plain reason ("Illegal
 * character", "Ambiguous URI path separator"); for a 5xx, or a message that may name a Java class (Jetty passes an
 * exception's {@code toString()}), the client gets a fixed text for the status instead.
 */
final class JsonErrorHandler extends ErrorHandler {
    /** Jetty writes an error body for GET, POST and HEAD only; a refused PUT or DELETE gets the JSON error too. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        EndpointHandler.sendError(response, callback, status, JsonErrors.codeFor(status),
                JsonErrors.safeMessage(status, message));
    }
}
