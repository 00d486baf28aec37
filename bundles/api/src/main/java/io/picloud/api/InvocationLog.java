package io.picloud.api;

import java.util.List;

/** The invocation log. {@link #record} never blocks the caller: records are written in batches, off the request path. */
@org.osgi.annotation.versioning.ProviderType
public interface InvocationLog {
    void record(InvocationRecord record);

    /** Newest first; {@code script} null means all scripts. */
    List<InvocationRecord> query(String script, int limit, int offset);
}
