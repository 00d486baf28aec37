package io.picloud.api.control;

import java.util.List;
import java.util.Map;

/**
 * A control-plane operation refused: the caller's mistake or lack of rights, never a server fault. Adapters map
 * {@link #kind()} to their own form (an HTTP status, a shell message); the message is safe to show to the caller.
 */
public class OperationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** 400: malformed or invalid input; {@link #field()} names the field. */
        INVALID,
        /** 401: no or bad credentials. */
        UNAUTHENTICATED,
        /** 403: authenticated but not allowed. */
        FORBIDDEN,
        /** 404. */
        NOT_FOUND,
        /** 409: conflicts with the current state (a duplicate, the last owner). */
        CONFLICT,
        /** 422: well-formed but cannot be processed (a script that does not compile, a bad trigger config). */
        UNPROCESSABLE,
        /** 429: too many attempts; {@link #retryAfterSeconds()} says when to try again. */
        TOO_MANY,
        /** 503: this container cannot do it now or at all (no executor here); {@link #retryAfterSeconds()} may say when. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final long retryAfterSeconds;
    private final List<Map<String, Object>> details;

    public OperationException(Kind kind, String code, String message) {
        this(kind, code, message, null, 0, null);
    }

    public OperationException(Kind kind, String code, String message, String field, long retryAfterSeconds,
                              List<Map<String, Object>> details) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
        this.details = details == null ? null : List.copyOf(details);
    }

    public static OperationException invalid(String field, String message) {
        return new OperationException(Kind.INVALID, "invalid_" + fieldCode(field), message, field, 0, null);
    }

    public static OperationException forbidden(String message) {
        return new OperationException(Kind.FORBIDDEN, "forbidden", message);
    }

    public static OperationException notFound(String message) {
        return new OperationException(Kind.NOT_FOUND, "not_found", message);
    }

    public static OperationException conflict(String code, String message) {
        return new OperationException(Kind.CONFLICT, code, message);
    }

    private static String fieldCode(String field) {
        return field == null ? "request" : field.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(java.util.Locale.ROOT);
    }

    public Kind kind() {
        return kind;
    }

    /** A stable machine-readable code, e.g. {@code forbidden}, {@code invalid_password}. */
    public String code() {
        return code;
    }

    /** The input field at fault, e.g. {@code password} or {@code config.path}; null when none. */
    public String field() {
        return field;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Structured details, e.g. every compile error; null when none. */
    public List<Map<String, Object>> details() {
        return details;
    }
}
