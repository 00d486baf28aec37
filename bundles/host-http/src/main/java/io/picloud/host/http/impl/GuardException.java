package io.picloud.host.http.impl;

import java.io.IOException;

/**
 * A refusal or failure raised inside the client's own threads (the resolver, a response listener) and carried to
 * the script's thread as the failure of the exchange, where it becomes a {@link io.picloud.api.HostException} with
 * the same code. Stackless: it is an answer, not a bug.
 */
final class GuardException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String code;

    GuardException(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
