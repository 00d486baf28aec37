package io.picloud.store.impl;

import io.picloud.api.BindingStatusStore;
import io.picloud.api.NodeBindingStatus;
import io.picloud.api.TriggerStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link BindingStatusStore} over the {@code trigger_binding_status} table. */
@Component(service = BindingStatusStore.class)
public class JdbcBindingStatusStore implements BindingStatusStore {
    private final StoreDatabase db;

    @Activate
    public JdbcBindingStatusStore(@Reference StoreDatabase db) {
        this.db = db;
    }

    @Override
    public void report(String node, List<TriggerStatus> statuses) {
        DbWork.inTransaction(db, "reporting trigger binding statuses", c -> {
            // also what nodes gone for a day left behind (they never report again, so they never replace it)
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM trigger_binding_status "
                    + "WHERE node = ? OR seen_at < now() - interval '1 day'")) {
                delete.setString(1, node);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO trigger_binding_status "
                    + "(binding_id, node, state, reason, since) VALUES (?, ?, ?, ?, ?)")) {
                for (TriggerStatus status : statuses) {
                    if (status.state() == null) {
                        continue; // known but not opened yet: nothing to say
                    }
                    insert.setString(1, status.bindingId());
                    insert.setString(2, node);
                    insert.setString(3, status.state());
                    insert.setString(4, status.reason());
                    insert.setTimestamp(5, Timestamp.from(status.since() == null ? Instant.now() : status.since()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Map<String, List<NodeBindingStatus>> statuses(Duration freshness) {
        return DbWork.query(db, "reading trigger binding statuses", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT binding_id, node, state, reason, since, seen_at "
                    + "FROM trigger_binding_status WHERE seen_at > now() - make_interval(secs => ?) "
                    + "ORDER BY binding_id, node")) {
                ps.setDouble(1, freshness.toMillis() / 1000.0);
                Map<String, List<NodeBindingStatus>> byBinding = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        NodeBindingStatus status = new NodeBindingStatus(rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                                rs.getTimestamp(6).toInstant());
                        byBinding.computeIfAbsent(status.bindingId(), id -> new ArrayList<>()).add(status);
                    }
                }
                return byBinding;
            }
        });
    }
}
