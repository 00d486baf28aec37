package io.picloud.http.server.impl;

import io.picloud.http.api.BodyTooLargeException;
import io.picloud.http.api.HttpExchange;
import io.picloud.http.api.HttpStream;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** {@link HttpExchange} over one Jetty 12 request; answering completes Jetty's callback. */
final class JettyExchange implements HttpExchange {
    private static final byte[] NO_BYTES = new byte[0];

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String path;
    private final int prefixLength;
    private final Set<JettyStream> streams;
    private boolean answered;

    /** {@code streams}: the server's open streamed answers, which a stream started here joins. */
    JettyExchange(Request request, Response response, Callback callback, String path, int prefixLength,
                  Set<JettyStream> streams) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.path = path;
        this.prefixLength = prefixLength;
        this.streams = streams;
    }

    boolean answered() {
        return answered;
    }

    /** Answers with a JSON error for an endpoint that could not. */
    void fail(int status, String code, String message) {
        answered = true;
        EndpointHandler.sendError(response, callback, status, code, message);
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

    @Override
    public String rawPath() {
        return request.getHttpURI().getPath();
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
        long declared = request.getLength();
        return declared > 0 || (declared < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
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
        long declared = request.getLength();
        if (declared > limit) {
            throw new BodyTooLargeException(limit);
        }
        if (!hasBody()) {
            return NO_BYTES;
        }
        if (declared > 0) {
            // the declared length (Jetty holds the client to it): one array of the body's size, no 8 KiB buffer and
            // no copy; they were a fifth of all the bytes a POST /fn request allocated
            byte[] body = new byte[(int) declared];
            try (InputStream in = Request.asInputStream(request)) {
                int n = in.readNBytes(body, 0, body.length);
                return n == body.length ? body : java.util.Arrays.copyOf(body, n);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[8192];
        try (InputStream in = Request.asInputStream(request)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + (long) n > limit) {
                    throw new BodyTooLargeException(limit);
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    @Override
    public HttpStream stream(int status, Map<String, String> headers, String contentType, int maxBacklogBytes) {
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
        answer(status, headers);
        HttpFields.Mutable fields = response.getHeaders();
        boolean noBody = body == null || body.length == 0 || HttpStatus.hasNoBody(status);
        if (noBody) {
            if (status != 204 && status != 304) {
                fields.put(HttpHeader.CONTENT_LENGTH, 0L);
            }
            callback.succeeded();
            return;
        }
        if (contentType != null) {
            fields.put(HttpHeader.CONTENT_TYPE, contentType);
        }
        fields.put(HttpHeader.CONTENT_LENGTH, body.length);
        if ("HEAD".equals(request.getMethod())) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
