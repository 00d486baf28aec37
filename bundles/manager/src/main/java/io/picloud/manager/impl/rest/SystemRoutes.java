package io.picloud.manager.impl.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.picloud.api.AuditEntry;
import io.picloud.api.ManagerHealth;
import io.picloud.api.PlatformInfo;
import io.picloud.api.control.AuditLog;

/** {@code /version} and {@code /health} (open), and {@code /audit}. */
final class SystemRoutes {
    static final int API_VERSION = 1;
    private final PlatformInfo platform;
    private final ManagerHealth health;
    private final AuditLog audit;

    SystemRoutes(PlatformInfo platform, ManagerHealth health, AuditLog audit) {
        this.platform = platform;
        this.health = health;
        this.audit = audit;
    }

    void register(RouteTable t) {
        t.open("GET", "/version", c -> ApiResponse.ok(new Bodies.Version(platform.productVersion(), API_VERSION,
                        platform.schemaVersion())))
                .open("GET", "/health", c -> health())
                .add("GET", "/audit", this::audit);
    }

    private ApiResponse health() {
        Optional<String> problem = health.problem();
        Map<String, Object> body = new LinkedHashMap<>();
        if (problem.isEmpty()) {
            body.put("status", "ok");
            body.put("database", "ok");
            body.put("schema", platform.schemaVersion());
            body.put("compiler", "ok");
            return ApiResponse.ok(body);
        }
        // the detail (hosts, driver messages) is for the log and the shell, not for an unauthenticated client
        body.put("status", "degraded");
        body.put("reason", "database unavailable");
        return new ApiResponse(503, Map.of("Retry-After", ApiErrors.RETRY_AFTER_SECONDS), body);
    }

    private ApiResponse audit(Call c) {
        int limit = c.intQuery("limit", 100, 1, 1000);
        String before = c.query("before");
        Long beforeId = null;
        if (before != null && !before.isEmpty()) {
            try {
                beforeId = Long.parseLong(before);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("before", "before must be an audit entry id");
            }
        }
        List<Bodies.AuditItem> out = new ArrayList<>();
        List<AuditEntry> entries = audit.query(c.principal(), c.query("actor"), c.query("action"), c.query("target"),
                beforeId, limit);
        for (AuditEntry e : entries) {
            out.add(Bodies.AuditItem.of(e));
        }
        Long next = entries.size() == limit ? entries.get(entries.size() - 1).id() : null;
        return ApiResponse.ok(new Bodies.Audit(out, next));
    }
}
