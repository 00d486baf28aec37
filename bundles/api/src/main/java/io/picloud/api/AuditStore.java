package io.picloud.api;

import java.time.Instant;
import java.util.List;

/** The audit log's rows in PostgreSQL. */
@org.osgi.annotation.versioning.ProviderType
public interface AuditStore {
    void append(AuditEntry entry);

    /** Newest first; null filters match everything; {@code before} is an entry id (exclusive) for paging. */
    List<AuditEntry> query(String actor, String action, String target, Long before, int limit);

    /** Deletes entries older than {@code cutoff}; returns how many. */
    int deleteOlderThan(Instant cutoff);
}
