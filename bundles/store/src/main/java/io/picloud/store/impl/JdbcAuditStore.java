package io.picloud.store.impl;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.picloud.api.AuditEntry;
import io.picloud.api.AuditStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link AuditStore} over the {@code audit_log} table. */
@Component(service = AuditStore.class)
public class JdbcAuditStore implements AuditStore {
    private final StoreDatabase db;

    @Activate
    public JdbcAuditStore(@Reference StoreDatabase db) {
        this.db = db;
    }

    @Override
    public void append(AuditEntry e) {
        DbWork.query(db, "writing the audit log", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log "
                    + "(actor, key_id, action, target, address, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, cut(e.actor(), 120));
                ps.setLong(2, e.keyId());
                ps.setString(3, cut(e.action(), 64));
                ps.setString(4, e.target());
                ps.setString(5, cut(e.address(), 64));
                ps.setString(6, cut(e.outcome(), 16));
                ps.setString(7, e.detail());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<AuditEntry> query(String actor, String action, String target, Long before, int limit) {
        return DbWork.query(db, "reading the audit log", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, key_id, action, target, address, "
                    + "outcome, detail FROM audit_log WHERE (?::text IS NULL OR actor = ?) "
                    + "AND (?::text IS NULL OR action = ? OR action LIKE ? || '.%') "
                    + "AND (?::text IS NULL OR target = ?) AND (?::bigint IS NULL OR id < ?) "
                    + "ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, actor);
                ps.setString(2, actor);
                ps.setString(3, action);
                ps.setString(4, action);
                ps.setString(5, action);
                ps.setString(6, target);
                ps.setString(7, target);
                ps.setObject(8, before, java.sql.Types.BIGINT);
                ps.setObject(9, before, java.sql.Types.BIGINT);
                ps.setInt(10, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<AuditEntry> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                                rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getString(9)));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        return DbWork.query(db, "pruning the audit log", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_log WHERE at < ?")) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
                return ps.executeUpdate();
            }
        });
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
