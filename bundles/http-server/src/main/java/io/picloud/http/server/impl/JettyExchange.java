package io.picloud.http.server.impl;

import io.picloud.http.api.HttpExchange;
import io.picloud.http.api.HttpStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@link HttpExchange} over one Jetty 12 request; answering completes Jetty's callback. A body the answer did not
 * read to its end is dropped after the answer ({@link RequestBody#afterAnswer}); a body that could not be read
 * (too slow, too many arriving at once) is answered by the server itself, and the endpoint's own answer after that
 * is ignored.
 */
final class JettyExchange implements HttpExchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String path;
    private final String canonicalPath;
    private final int prefixLength;
    private final Set<JettyStream> streams;
    private final RequestBody body;
    private boolean answered;
    private boolean answeredByServer;

    /**
     * {@code path}: decoded; {@code canonicalPath}: as routed (see {@link #rawPath}); {@code streams}: the server's
     * open streamed answers, which a stream started here joins.
     */
    JettyExchange(Request request, Response response, Callback callback, String path, String canonicalPath,
                  int prefixLength, Set<JettyStream> streams, BodyLimits limits) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.path = path;
        this.canonicalPath = canonicalPath;
        this.prefixLength = prefixLength;
        this.streams = streams;
        this.body = new RequestBody(request, limits);
    }

    boolean answered() {
        return answered;
    }

    /** Answers with a JSON error for an endpoint that could not. */
    void fail(int status, String code, String message) {
        answered = true;
        EndpointHandler.sendError(response, body.afterAnswer(response, callback), status, code, message);
    }

    /** Gives the exchange up: the client went away. */
    void abort(IOException cause) {
        answered = true;
        callback.failed(cause);
    }

    /** Sets the status and headers of the one answer. */
    private void answer(int status, Map<String, String> headers) {
        if (answered) {
            throw new IllegalStateException("already answered");
        }
        answered = true;
        response.setStatus(status);
        HttpFields.Mutable fields = response.getHeaders();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            fields.put(header.getKey(), header.getValue());
        }
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return path;
    }

    /**
     * Jetty's canonical form of the path as sent: still percent-encoded where it matters (an encoded {@code /}
     * stays inside its segment), other characters decoded, path parameters removed; the form the server routed by,
     * so it starts with the endpoint's prefix.
     */
    @Override
    public String rawPath() {
        return canonicalPath;
    }

    @Override
    public String pathWithinPrefix() {
        return path.substring(prefixLength);
    }

    @Override
    public String query() {
        return request.getHttpURI().getQuery();
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public void forEachHeader(BiConsumer<String, String> action) {
        for (HttpField field : request.getHeaders()) {
            action.accept(field.getName(), field.getValue());
        }
    }

    /** As the interface says, with Jetty's header enum: no case-insensitive name comparisons. */
    @Override
    public boolean hasBody() {
        return body.present();
    }

    @Override
    public String contentType() {
        return request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    }

    @Override
    public long contentLength() {
        return request.getLength();
    }

    @Override
    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    @Override
    public byte[] body(long limit) throws IOException {
        try {
            return body.read(limit);
        } catch (RequestBody.Refused e) {
            if (!answered) {
                fail(e.status, e.code, e.getMessage());
                answeredByServer = true;
            }
            throw e;
        }
    }

    @Override
    public HttpStream stream(int status, Map<String, String> headers, String contentType, int maxBacklogBytes)
            throws IOException {
        if (answeredByServer) {
            throw new IOException("answered already: the request body could not be read");
        }
        answer(status, headers);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        JettyStream stream = new JettyStream(response, callback, Math.max(0, maxBacklogBytes), streams);
        if ("HEAD".equals(request.getMethod())) {
            stream.close();
        }
        stream.start();
        return stream;
    }

    @Override
    public void respond(int status, Map<String, String> headers, String contentType, byte[] body) {
        if (answeredByServer) {
            return; // the endpoint answers a failed body read; the server did already
        }
        answer(status, headers);
        HttpFields.Mutable fields = response.getHeaders();
        boolean noBody = body == null || body.length == 0 || HttpStatus.hasNoBody(status);
        if (noBody) {
            if (status != 204 && status != 304) {
                fields.put(HttpHeader.CONTENT_LENGTH, 0L);
            }
        } else {
            if (contentType != null) {
                fields.put(HttpHeader.CONTENT_TYPE, contentType);
            }
            fields.put(HttpHeader.CONTENT_LENGTH, body.length);
        }
        Callback done = this.body.afterAnswer(response, callback);
        if (noBody || "HEAD".equals(request.getMethod())) {
            if (done == callback) {
                callback.succeeded();
            } else {
                response.write(true, BufferUtil.EMPTY_BUFFER, done); // the answer goes out before the drain ends
            }
        } else {
            response.write(true, ByteBuffer.wrap(body), done);
        }
    }
}
