package io.picloud.http.server.impl;

import java.nio.charset.StandardCharsets;

/** The body of an error answer, {@code {"error":{"code","message"}}}, for the few errors the server itself sends. */
final class JsonErrors {
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private JsonErrors() {
    }

    static byte[] body(String code, String message) {
        return ("{\"error\":{\"code\":\"" + escape(code) + "\",\"message\":\"" + escape(message) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal" : "bad_request";
        };
    }

    /**
     * {@code message} when it is a short plain reason of a 4xx, else a fixed text for {@code status}: never a
     * class name or a stack trace.
     */
    static String safeMessage(int status, String message) {
        if (status < 500 && message != null && isPlain(message)) {
            return message;
        }
        return switch (status) {
            case 400 -> "the request is malformed";
            case 404 -> "nothing is served here";
            case 405 -> "the method is not allowed";
            case 408 -> "the request took too long";
            case 413 -> "the request body is too large";
            case 414 -> "the request URI is too long";
            case 431 -> "the request headers are too large";
            case 501 -> "not implemented";
            case 503 -> "unavailable; retry shortly";
            case 505 -> "the HTTP version is not supported";
            default -> status >= 500 ? "internal error" : "the request could not be served";
        };
    }

    /** Letters, digits, spaces and simple punctuation, no dotted or exception-like names, at most 120 chars. */
    private static boolean isPlain(String message) {
        if (message.isBlank() || message.length() > 120 || message.contains("Exception")
                || message.contains("Error") || message.contains("java") || message.contains("jetty")) {
            return false;
        }
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || " ,:=()'-_/".indexOf(c) >= 0;
            if (!plain && !(c == '.' && (i == message.length() - 1 || message.charAt(i + 1) == ' '))) {
                return false; // a '.' inside a word: a package or class name, a host, a file
            }
        }
        return true;
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
