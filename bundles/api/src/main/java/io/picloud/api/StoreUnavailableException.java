package io.picloud.api;

/** The database is unreachable; the operation did nothing and may be retried. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
