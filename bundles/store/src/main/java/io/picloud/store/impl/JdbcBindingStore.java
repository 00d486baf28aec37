package io.picloud.store.impl;

import io.picloud.store.json.ConfigJson;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.picloud.api.BindingChangeListener;
import io.picloud.api.BindingStore;
import io.picloud.api.StoredBinding;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BindingStore} over the {@code trigger_bindings} table. Save and delete are single transactions that also
 * {@code NOTIFY picloud_bindings, '<id>'}; after each commits, every {@link BindingChangeListener} of this node is
 * told on the calling thread, and {@link PgNotifications} tells them on the other nodes.
 */
// immediate: active before the trigger runtime (one of its listeners) asks for it, else SCR sees a circular reference
@Component(service = BindingStore.class, immediate = true)
public class JdbcBindingStore implements BindingStore {
    static final String CHANNEL = "picloud_bindings";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcBindingStore.class);
    private static final String COLUMNS = "id, type, script, config::text, enabled, last_fired, "
            + "(SELECT u.name FROM users u WHERE u.id = owner_id)";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StoreDatabase db;
    private final PgNotifications notifications;
    private final List<BindingChangeListener> listeners = new CopyOnWriteArrayList<>();
    /** Our own notifications, by sending backend PID and binding id: their echo is not passed on again. */
    private final Map<String, Integer> ownNotifications = new ConcurrentHashMap<>();

    @Activate
    public JdbcBindingStore(@Reference StoreDatabase db,
                            @Reference(target = "(dataSourceName=picloud)") DataSource dataSource) {
        this.db = db;
        this.notifications = new PgNotifications(dataSource, CHANNEL, "trigger binding", this::notified, this::resync);
        notifications.start();
    }

    /** True while this node listens for other nodes' changes. */
    boolean listening() {
        return notifications.listening();
    }

    @Deactivate
    public void deactivate() {
        notifications.stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(BindingChangeListener listener) {
        listeners.add(listener);
    }

    void removeListener(BindingChangeListener listener) {
        listeners.remove(listener);
    }

    @Override
    public List<StoredBinding> list() {
        return query("listing trigger bindings", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM trigger_bindings ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<StoredBinding> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(binding(rs));
                }
                return out;
            }
        });
    }

    @Override
    public Optional<StoredBinding> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        return query("reading trigger binding " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM trigger_bindings WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(binding(rs)) : Optional.<StoredBinding>empty();
                }
            }
        });
    }

    @Override
    public StoredBinding save(StoredBinding b) {
        if (b.type() == null || !b.type().matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("invalid trigger type id: " + b.type());
        }
        if (b.script() == null || b.script().isEmpty()) {
            throw new IllegalArgumentException("a binding needs a script name");
        }
        String config = ConfigJson.write(b.config());
        StoredBinding saved = inTransaction("saving a trigger binding", c -> {
            StoredBinding out = null;
            if (b.id() == null) {
                while (out == null) {
                    out = write(c, "INSERT INTO trigger_bindings (id, type, script, config, enabled, last_fired, "
                            + "owner_id) VALUES (?, ?, ?, ?::jsonb, ?, ?, (SELECT id FROM users WHERE name = ?)) "
                            + "ON CONFLICT (id) DO NOTHING RETURNING " + COLUMNS,
                            newId(b.type()), b, config);
                }
            } else {
                out = write(c, "INSERT INTO trigger_bindings (id, type, script, config, enabled, last_fired, owner_id) "
                        + "VALUES (?, ?, ?, ?::jsonb, ?, ?, (SELECT id FROM users WHERE name = ?)) "
                        + "ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, "
                        + "script = EXCLUDED.script, config = EXCLUDED.config, enabled = EXCLUDED.enabled, "
                        + "owner_id = coalesce(EXCLUDED.owner_id, trigger_bindings.owner_id), "
                        + "updated_at = now() RETURNING " + COLUMNS, b.id(), b, config);
            }
            notifyOthers(c, out.id());
            return out;
        });
        changed(saved.id());
        return saved;
    }

    @Override
    public boolean delete(String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        boolean deleted = inTransaction("deleting trigger binding " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM trigger_bindings WHERE id = ?")) {
                ps.setString(1, id);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            notifyOthers(c, id);
            return true;
        });
        if (deleted) {
            changed(id);
        }
        return deleted;
    }

    @Override
    public void recordFired(String id, Instant time) {
        if (id == null || time == null) {
            return;
        }
        query("recording a fire of trigger binding " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE trigger_bindings SET last_fired = ? "
                    + "WHERE id = ? AND (last_fired IS NULL OR last_fired < ?)")) {
                Timestamp t = Timestamp.from(time);
                ps.setTimestamp(1, t);
                ps.setString(2, id);
                ps.setTimestamp(3, t);
                return ps.executeUpdate();
            }
        });
    }

    private static StoredBinding write(Connection c, String sql, String id, StoredBinding b, String config)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.setString(2, b.type());
            ps.setString(3, b.script());
            ps.setString(4, config);
            ps.setBoolean(5, b.enabled());
            ps.setTimestamp(6, b.lastFired() == null ? null : Timestamp.from(b.lastFired()));
            ps.setString(7, b.owner());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? binding(rs) : null;
            }
        }
    }

    /** A readable, unguessable id such as {@code cron-3f9a0c12d4}. */
    static String newId(String type) {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return type + "-" + HexFormat.of().formatHex(bytes);
    }

    private void notifyOthers(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_backend_pid() FROM pg_notify(?, ?)")) {
            ps.setString(1, CHANNEL);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    if (ownNotifications.size() > 10_000) {
                        ownNotifications.clear(); // only rolled-back transactions leave entries behind
                    }
                    ownNotifications.merge(rs.getInt(1) + ":" + id, 1, Integer::sum);
                }
            }
        }
    }

    /** A notification from the database: another node's change, or the echo of ours (already passed on). */
    private void notified(int pid, String id) {
        String key = pid + ":" + id;
        Integer[] own = {null};
        ownNotifications.computeIfPresent(key, (k, n) -> {
            own[0] = n;
            return n > 1 ? n - 1 : null;
        });
        if (own[0] == null) {
            changed(id);
        }
    }

    /** Tells every listener, on the calling thread. */
    void changed(String id) {
        for (BindingChangeListener l : listeners) {
            try {
                l.bindingChanged(id);
            } catch (RuntimeException e) {
                LOG.warn("Binding change listener {} failed for '{}': {}", l.getClass().getName(), id, e.toString());
            }
        }
    }

    /** After the notification connection was lost, changes may have been missed: tell listeners about every binding. */
    private void resync() {
        try {
            for (StoredBinding b : list()) {
                changed(b.id());
            }
        } catch (RuntimeException e) {
            LOG.debug("Trigger bindings not re-read after reconnecting: {}", e.toString());
        }
    }

    private static StoredBinding binding(ResultSet rs) throws SQLException {
        Timestamp fired = rs.getTimestamp(6);
        return new StoredBinding(rs.getString(1), rs.getString(2), rs.getString(3), ConfigJson.read(rs.getString(4)),
                rs.getBoolean(5), fired == null ? null : fired.toInstant(), rs.getString(7));
    }

    private <T> T query(String what, DbWork.Work<T> work) {
        return DbWork.query(db, what, work);
    }

    private <T> T inTransaction(String what, DbWork.Work<T> work) {
        return DbWork.inTransaction(db, what, work);
    }
}
