package io.picloud.http.api;

import java.io.IOException;

/** The request body is larger than the limit passed to {@link HttpExchange#body(long)}: answer 413. */
public final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
