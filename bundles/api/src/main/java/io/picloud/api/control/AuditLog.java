package io.picloud.api.control;

import java.util.List;

import io.picloud.api.AuditEntry;

/** The audit log of control-plane changes: written by the services, read by admins and owners. */
@org.osgi.annotation.versioning.ProviderType
public interface AuditLog {
    /** Records an action by {@code p} (null for an anonymous caller, e.g. a failed login). Never throws. */
    void record(Principal p, String action, String target, String outcome, String detail);

    /** Newest first; null filters match everything. */
    List<AuditEntry> query(Principal p, String actor, String action, String target, Long before, int limit);
}
