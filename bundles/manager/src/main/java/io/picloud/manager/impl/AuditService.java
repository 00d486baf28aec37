package io.picloud.manager.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.picloud.api.AuditEntry;
import io.picloud.api.AuditStore;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.Principal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AuditLog} over the {@link AuditStore}: rows are written synchronously (control-plane changes are rare and
 * must not be lost silently); entries older than {@code auditRetentionDays} are deleted once a day.
 */
@Component(service = AuditLog.class, configurationPid = ManagerConfig.PID)
public class AuditService implements AuditLog {
    static final int MAX_LIMIT = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);
    private final AuditStore store;
    private final ScheduledExecutorService pruner;
    private volatile int retentionDays;

    @Activate
    public AuditService(@Reference AuditStore store, ManagerConfig config) {
        this.store = store;
        this.retentionDays = config.auditRetentionDays();
        this.pruner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "picloud-audit-retention");
            t.setDaemon(true);
            return t;
        });
        pruner.scheduleWithFixedDelay(this::prune, 10, Duration.ofDays(1).toMinutes(), TimeUnit.MINUTES);
    }

    /** For tests: no pruning timer. */
    AuditService(AuditStore store) {
        this.store = store;
        this.retentionDays = 0;
        this.pruner = null;
    }

    @Modified
    void modified(ManagerConfig config) {
        retentionDays = config.auditRetentionDays();
    }

    @Deactivate
    void deactivate() {
        if (pruner != null) {
            pruner.shutdownNow();
        }
    }

    @Override
    public void record(Principal p, String action, String target, String outcome, String detail) {
        AuditEntry e = new AuditEntry(0, Instant.now(), p == null ? "anonymous" : p.actor(),
                p == null ? 0 : p.keyId(), action, target, p == null ? null : p.address(), outcome, detail);
        try {
            store.append(e);
        } catch (RuntimeException ex) {
            LOG.warn("Audit entry not written ({} {} by {}: {}): {}", action, target, e.actor(), outcome,
                    ex.toString());
        }
    }

    @Override
    public List<AuditEntry> query(Principal p, String actor, String action, String target, Long before, int limit) {
        Authz.admin(p, "read the audit log");
        return store.query(blankToNull(actor), blankToNull(action), blankToNull(target), before,
                Math.max(1, Math.min(limit, MAX_LIMIT)));
    }

    private void prune() {
        int days = retentionDays;
        if (days <= 0) {
            return;
        }
        try {
            int n = store.deleteOlderThan(Instant.now().minus(Duration.ofDays(days)));
            if (n > 0) {
                LOG.info("Audit log: {} entries older than {} days deleted", n, days);
            }
        } catch (RuntimeException e) {
            LOG.debug("Audit log not pruned: {}", e.toString());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
