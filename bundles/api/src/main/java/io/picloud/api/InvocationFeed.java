package io.picloud.api;

/**
 * Tells of every write batch of the invocation log as it is committed, by whichever container wrote it (the
 * store's {@code picloud_invocations} notification: one LISTEN connection, no polling). Read the batch's runs with
 * {@link InvocationLog#batch(long)}.
 */
@org.osgi.annotation.versioning.ProviderType
public interface InvocationFeed {
    /**
     * Calls {@code listener} for each batch committed from now on, on one thread that the listener must not hold up
     * for long. Batches committed while the database was out of reach are told once it is back, at most a few
     * hundred of them. Close the returned handle to stop.
     */
    Subscription listen(BatchListener listener);

    @FunctionalInterface
    interface BatchListener {
        /** A batch of runs of {@code script} was written. */
        void written(long batch, String script);
    }

    /** Stops the calls to one listener; closing twice does nothing. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
