package io.picloud.api;

import java.util.List;
import java.util.Optional;

/** The invocation log. {@link #record} never blocks the caller: records are written in batches, off the request path. */
@org.osgi.annotation.versioning.ProviderType
public interface InvocationLog {
    void record(InvocationRecord record);

    /** Newest first; {@code script} null means all scripts. */
    List<InvocationRecord> query(String script, int limit, int offset);

    /** The runs the query selects, newest first by id; each record has its {@link InvocationRecord#id()}. */
    List<InvocationRecord> query(InvocationQuery query);

    /** One stored run; empty when there is none with this id (never was, or pruned). */
    Optional<InvocationRecord> find(InvocationId id);

    /**
     * The stored run with this {@link InvocationRef}; empty when there is none (never was, pruned, not written
     * yet, or {@code ref} is not one). The default (a log that keeps no refs) finds nothing.
     */
    default Optional<InvocationRecord> findByRef(String ref) {
        return Optional.empty();
    }

    /** The runs of one write batch, in the order they arrived; empty when there is no such batch. */
    List<InvocationRecord> batch(long batch);
}
