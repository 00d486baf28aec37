package io.picloud.fn.impl;

import io.picloud.http.api.BodyTooLargeException;
import io.picloud.http.api.HttpExchange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** An in-memory {@link HttpExchange}: a request as a client would send it, and the answer the endpoint gave. */
final class FakeExchange implements HttpExchange {
    private final String method;
    private final String path;
    private final String query;
    private final List<String[]> headers = new ArrayList<>();
    private final byte[] body;
    /** How often the endpoint read the body. */
    int bodyReads;
    int status;
    String contentType;
    final Map<String, String> answerHeaders = new LinkedHashMap<>();
    byte[] answerBody;
    int answers;

    FakeExchange(String method, String target, String body) {
        this(method, target, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    FakeExchange(String method, String target, byte[] body) {
        this.method = method;
        int q = target.indexOf('?');
        this.path = q < 0 ? target : target.substring(0, q);
        this.query = q < 0 ? null : target.substring(q + 1);
        this.body = body;
    }

    FakeExchange header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    String answerText() {
        return new String(answerBody, StandardCharsets.UTF_8);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String rawPath() {
        return path;
    }

    @Override
    public String pathWithinPrefix() {
        return path.substring("/fn".length());
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public String header(String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
    }

    @Override
    public void forEachHeader(BiConsumer<String, String> action) {
        headers.forEach(h -> action.accept(h[0], h[1]));
    }

    @Override
    public String contentType() {
        return header("Content-Type");
    }

    @Override
    public long contentLength() {
        return body.length;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    @Override
    public byte[] body(long limit) throws BodyTooLargeException {
        bodyReads++;
        if (body.length > limit) {
            throw new BodyTooLargeException(limit);
        }
        return body;
    }

    @Override
    public void respond(int status, Map<String, String> headers, String contentType, byte[] body) {
        answers++;
        this.status = status;
        this.contentType = contentType;
        this.answerHeaders.putAll(headers);
        this.answerBody = body == null ? new byte[0] : body;
    }
}
