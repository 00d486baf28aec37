package io.picloud.store.impl;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.picloud.api.ApiKeyStore;
import io.picloud.api.Role;
import io.picloud.api.StoredKey;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ApiKeyStore} over the {@code api_keys} table. The database's triggers {@code NOTIFY picloud_keys} on any
 * change of a user or a key; this store listens ({@link PgNotifications}) and tells its change listeners, so key
 * caches on every container drop revoked keys and deactivated users at once.
 */
@Component(service = ApiKeyStore.class)
public class JdbcApiKeyStore implements ApiKeyStore {
    static final String CHANNEL = "picloud_keys";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcApiKeyStore.class);
    private static final String COLUMNS = "k.id, k.user_id, u.name, u.role, u.active, k.name, k.key_hash, k.prefix, "
            + "k.role, k.created_at, k.expires_at, k.last_used_at, k.revoked, k.scripts";
    private static final String FROM = " FROM api_keys k JOIN users u ON u.id = k.user_id";

    private final StoreDatabase db;
    private final PgNotifications notifications;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public JdbcApiKeyStore(@Reference StoreDatabase db,
                           @Reference(target = "(dataSourceName=picloud)") DataSource dataSource) {
        this.db = db;
        this.notifications = new PgNotifications(dataSource, CHANNEL, "api key", (pid, what) -> changed(),
                this::changed);
        notifications.start();
    }

    /** For tests: no LISTEN. */
    public JdbcApiKeyStore(StoreDatabase db) {
        this.db = db;
        this.notifications = null;
    }

    @Deactivate
    public void deactivate() {
        if (notifications != null) {
            notifications.stop();
        }
    }

    /** True while this store listens for key and user changes (for tests and diagnostics). */
    boolean listening() {
        return notifications != null && notifications.listening();
    }

    @Override
    public long insert(long userId, String name, String keyHash, String prefix, Role role, Instant expiresAt,
                       Set<String> scripts) {
        return DbWork.query(db, "creating an API key", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (user_id, name, key_hash, prefix, "
                    + "role, expires_at, scripts) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                ps.setLong(1, userId);
                ps.setString(2, name);
                ps.setString(3, keyHash);
                ps.setString(4, prefix);
                ps.setString(5, role == null ? null : role.id());
                ps.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
                ps.setArray(7, c.createArrayOf("text", new TreeSet<>(scripts == null ? Set.of() : scripts).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<StoredKey> byPrefix(String prefix) {
        return many("SELECT " + COLUMNS + FROM + " WHERE k.prefix = ?", prefix);
    }

    @Override
    public Optional<StoredKey> find(long id) {
        return many("SELECT " + COLUMNS + FROM + " WHERE k.id = ?", id).stream().findFirst();
    }

    @Override
    public List<StoredKey> list(Long userId) {
        return userId == null ? many("SELECT " + COLUMNS + FROM + " ORDER BY k.id", null)
                : many("SELECT " + COLUMNS + FROM + " WHERE k.user_id = ? ORDER BY k.id", userId);
    }

    @Override
    public boolean revoke(long id) {
        boolean revoked = DbWork.query(db, "revoking an API key", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_keys SET revoked = TRUE WHERE id = ? AND NOT revoked")) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            }
        });
        changed(); // this container at once; the others (and this one again) through the notification
        return revoked;
    }

    @Override
    public void touch(Map<Long, Instant> lastUsed) {
        if (lastUsed.isEmpty()) {
            return;
        }
        DbWork.query(db, "recording key use", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys k SET last_used_at = t.at "
                    + "FROM unnest(?::bigint[], ?::timestamptz[]) AS t(id, at) WHERE k.id = t.id")) {
                Long[] ids = lastUsed.keySet().toArray(new Long[0]);
                Timestamp[] at = Arrays.stream(ids).map(i -> Timestamp.from(lastUsed.get(i))).toArray(Timestamp[]::new);
                ps.setArray(1, c.createArrayOf("bigint", ids));
                ps.setArray(2, c.createArrayOf("timestamptz", at));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void addChangeListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeChangeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("API key change listener failed: {}", e.toString());
            }
        }
    }

    private List<StoredKey> many(String sql, Object param) {
        return DbWork.query(db, "reading API keys", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (param != null) {
                    ps.setObject(1, param);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredKey> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(key(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static StoredKey key(ResultSet rs) throws SQLException {
        String role = rs.getString(9);
        Array scripts = rs.getArray(14);
        return new StoredKey(rs.getLong(1), rs.getLong(2), rs.getString(3), Role.fromId(rs.getString(4)),
                rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getString(8),
                role == null ? null : Role.fromId(role), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)),
                instant(rs.getTimestamp(12)), rs.getBoolean(13),
                scripts == null ? Set.of() : Set.of((String[]) scripts.getArray()));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
