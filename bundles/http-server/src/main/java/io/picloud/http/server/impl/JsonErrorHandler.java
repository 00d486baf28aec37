package io.picloud.http.server.impl;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Errors Jetty answers itself (malformed requests, headers too large) in PiCloud's JSON error shape. */
final class JsonErrorHandler extends ErrorHandler {
    /** Jetty writes an error body for GET, POST and HEAD only; a refused PUT or DELETE gets the JSON error too. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        String text = message == null || message.isBlank() ? "the request could not be served" : message;
        EndpointHandler.sendError(response, callback, status, JsonErrors.codeFor(status), text);
    }
}
