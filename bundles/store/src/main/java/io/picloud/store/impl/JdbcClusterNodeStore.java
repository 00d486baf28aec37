package io.picloud.store.impl;

import io.picloud.api.ClusterNode;
import io.picloud.api.ClusterNodeStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@link ClusterNodeStore} over the {@code cluster_nodes} table (schema 6); roles are kept comma-separated. */
@Component(service = ClusterNodeStore.class)
public class JdbcClusterNodeStore implements ClusterNodeStore {
    private static final String UPSERT = "INSERT INTO cluster_nodes (node, roles, product, started_at, seen_at) "
            + "VALUES (?, ?, ?, ?, now()) ON CONFLICT (node) DO UPDATE SET roles = EXCLUDED.roles, "
            + "product = EXCLUDED.product, started_at = EXCLUDED.started_at, seen_at = now()";
    private final StoreDatabase db;

    @Activate
    public JdbcClusterNodeStore(@Reference StoreDatabase db) {
        this.db = db;
    }

    @Override
    public void heartbeat(String node, List<String> roles, String product, Instant startedAt) {
        DbWork.query(db, "writing this container's heartbeat", c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setString(1, node);
                ps.setString(2, String.join(",", roles));
                ps.setString(3, product);
                ps.setTimestamp(4, Timestamp.from(startedAt));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void remove(String node) {
        DbWork.query(db, "removing this container's heartbeat", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM cluster_nodes WHERE node = ?")) {
                ps.setString(1, node);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int prune(Duration unseenFor) {
        return DbWork.query(db, "pruning cluster nodes", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM cluster_nodes "
                    + "WHERE seen_at < now() - make_interval(secs => ?)")) {
                ps.setDouble(1, unseenFor.toMillis() / 1000.0);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<ClusterNode> list(Duration freshness) {
        return DbWork.query(db, "reading cluster nodes", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT node, roles, product, started_at, seen_at, "
                    + "seen_at > now() - make_interval(secs => ?) FROM cluster_nodes ORDER BY node")) {
                ps.setDouble(1, freshness.toMillis() / 1000.0);
                List<ClusterNode> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ClusterNode(rs.getString(1), roles(rs.getString(2)), rs.getString(3),
                                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getBoolean(6)));
                    }
                }
                return out;
            }
        });
    }

    private static List<String> roles(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }
}
