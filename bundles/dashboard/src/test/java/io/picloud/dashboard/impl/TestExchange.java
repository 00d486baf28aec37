package io.picloud.dashboard.impl;

import io.picloud.http.api.HttpExchange;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** A request to the root endpoint and the answer it got. */
final class TestExchange implements HttpExchange {
    private final String method;
    private final String path;
    private final Map<String, String> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int status;
    Map<String, String> headers;
    String contentType;
    byte[] body;
    private int answers;

    TestExchange(String method, String path, String... headerPairs) {
        this.method = method;
        this.path = path;
        for (int i = 0; i < headerPairs.length; i += 2) {
            requestHeaders.put(headerPairs[i], headerPairs[i + 1]);
        }
    }

    /** The answer's header (name case-insensitive), the content type given apart included. */
    String answerHeader(String name) {
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(headers);
        if (contentType != null) {
            all.put("Content-Type", contentType);
        }
        return all.get(name);
    }

    int answers() {
        return answers;
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
        return path;
    }

    @Override
    public String query() {
        return null;
    }

    @Override
    public String header(String name) {
        return requestHeaders.get(name);
    }

    @Override
    public void forEachHeader(BiConsumer<String, String> action) {
        requestHeaders.forEach(action);
    }

    @Override
    public String contentType() {
        return null;
    }

    @Override
    public long contentLength() {
        return -1;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    @Override
    public byte[] body(long limit) {
        return new byte[0];
    }

    @Override
    public void respond(int status, Map<String, String> headers, String contentType, byte[] body) {
        answers++;
        this.status = status;
        this.headers = new HashMap<>(headers);
        this.contentType = contentType;
        this.body = body;
    }
}
