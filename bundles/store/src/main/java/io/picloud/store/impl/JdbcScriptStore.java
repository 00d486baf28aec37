package io.picloud.store.impl;

import io.picloud.store.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.picloud.api.DeployResult;
import io.picloud.api.ScriptChangeListener;
import io.picloud.api.ScriptAccess;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptOwner;
import io.picloud.api.control.OperationException;
import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptSummary;
import io.picloud.api.ScriptSettings;
import io.picloud.api.ScriptVersion;
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
 * {@link ScriptStore} over PostgreSQL. Deploy, rollback and delete are single transactions; after each commits,
 * every {@link ScriptChangeListener} is told on the calling thread, and {@code NOTIFY picloud_script_changed}
 * carries the script name to the other containers, whose stores ({@code LISTEN}, {@link PgNotifications}) tell
 * their own listeners: a node's cache of active versions learns of a deploy made through the manager.
 */
@Component(service = ScriptStore.class, property = ScriptChangeListener.STORE_NOTIFIES + ":Boolean=true")
public class JdbcScriptStore implements ScriptStore {
    static final String CHANNEL = "picloud_script_changed";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcScriptStore.class);

    /** Bound on {@link #asked}: beyond it, names are no longer remembered (see {@link #resync()}). */
    static final int MAX_REMEMBERED = 100_000;

    private final StoreDatabase db;
    private final List<ScriptChangeListener> listeners = new CopyOnWriteArrayList<>();
    /** Names {@link #active} was asked for since the last resync: what a listener's cache may hold. */
    private final Set<String> asked = ConcurrentHashMap.newKeySet();
    private final PgNotifications notifications;

    @Activate
    public JdbcScriptStore(@Reference StoreDatabase db,
                           @Reference(target = "(dataSourceName=picloud)") DataSource dataSource) {
        this.db = db;
        // our own notifications come back too: telling the listeners twice only drops a cache entry twice
        this.notifications = new PgNotifications(dataSource, CHANNEL, "script", (pid, name) -> changed(name),
                this::resync);
        notifications.start();
    }

    /** For tests: no LISTEN (changes of other stores are not seen). */
    public JdbcScriptStore(StoreDatabase db) {
        this.db = db;
        this.notifications = null;
    }

    @Deactivate
    void deactivate() {
        if (notifications != null) {
            notifications.stop();
        }
    }

    /** True while this store listens for other containers' changes. */
    boolean listening() {
        return notifications != null && notifications.listening();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(ScriptChangeListener listener) {
        listeners.add(listener);
    }

    void removeListener(ScriptChangeListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void addChangeListener(ScriptChangeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeChangeListener(ScriptChangeListener listener) {
        listeners.remove(listener);
    }

    @Override
    public DeployResult deploy(String name, String source) {
        return deploy(name, source, null);
    }

    @Override
    public DeployResult deploy(String name, String source, String createdBy) {
        return deploy(name, source, null, createdBy, true);
    }

    @Override
    public DeployResult deploy(String name, String source, long deployerId, String createdBy,
                               boolean mayReplaceOthers) {
        return deploy(name, source, Long.valueOf(deployerId), createdBy, mayReplaceOthers);
    }

    private DeployResult deploy(String name, String source, Long deployerId, String createdBy,
                                boolean mayReplaceOthers) {
        requireName(name);
        if (source == null) {
            throw new IllegalArgumentException("source is null");
        }
        String hash = Sql.sha256Hex(source);
        DeployResult result = inTransaction("deploying " + name, c -> {
            boolean created;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO scripts (name, owner_id) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, name);
                ps.setObject(2, deployerId, java.sql.Types.BIGINT);
                created = ps.executeUpdate() == 1;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT s.owner_id, u.name FROM scripts s "
                    + "LEFT JOIN users u ON u.id = s.owner_id WHERE s.name = ? FOR UPDATE OF s")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long owner = rs.getLong(1);
                    if (!mayReplaceOthers && (rs.wasNull() || deployerId == null || owner != deployerId)) {
                        String ownerName = rs.getString(2);
                        throw OperationException.forbidden("the script name " + name + " is taken by "
                                + (ownerName == null ? "another user" : ownerName));
                    }
                }
            }
            int version;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT coalesce(max(version), 0) + 1 FROM script_versions WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    version = rs.getInt(1);
                }
            }
            ScriptVersion sv;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO script_versions (name, version, hash, source, created_by) VALUES (?, ?, ?, ?, ?) "
                            + "RETURNING created_at")) {
                ps.setString(1, name);
                ps.setInt(2, version);
                ps.setString(3, hash);
                ps.setString(4, source);
                ps.setString(5, createdBy);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sv = new ScriptVersion(name, version, hash, source, rs.getTimestamp(1).toInstant());
                }
            }
            setActive(c, name, version);
            return new DeployResult(sv, created);
        });
        changed(name);
        return result;
    }

    @Override
    public Optional<ScriptOwner> owner(String name) {
        if (!ScriptNames.isValid(name)) {
            return Optional.empty();
        }
        return query("reading the owner of " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT s.owner_id, u.name, s.access FROM scripts s "
                    + "LEFT JOIN users u ON u.id = s.owner_id WHERE s.name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new ScriptOwner(name, rs.getLong(1), rs.getString(2),
                            ScriptAccess.fromId(rs.getString(3)))) : Optional.<ScriptOwner>empty();
                }
            }
        });
    }

    @Override
    public boolean updateSettings(String name, Long ownerId, ScriptAccess access) {
        if (!ScriptNames.isValid(name)) {
            return false;
        }
        boolean updated = inTransaction("changing the settings of " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE scripts SET owner_id = coalesce(?, owner_id), "
                    + "access = coalesce(?, access), updated_at = now() WHERE name = ?")) {
                ps.setObject(1, ownerId, java.sql.Types.BIGINT);
                ps.setString(2, access == null ? null : access.id());
                ps.setString(3, name);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            notifyOthers(c, name);
            return true;
        });
        if (updated) {
            changed(name);
        }
        return updated;
    }

    @Override
    public Optional<ScriptSettings> settings(String name) {
        if (!ScriptNames.isValid(name)) {
            return Optional.empty();
        }
        return query("reading the settings of " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SETTINGS_COLUMNS
                    + " FROM scripts s WHERE s.name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(ScriptSettingsColumns.read(rs, 1)) : Optional.<ScriptSettings>empty();
                }
            }
        });
    }

    @Override
    public List<String> scriptsUsingNamespace(String namespace) {
        return query("listing the scripts of kv namespace " + namespace, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name FROM scripts WHERE coalesce(kv_namespace, name) = ? ORDER BY name")) {
                ps.setString(1, namespace);
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public boolean updateSettings(String name, ScriptSettings settings) {
        if (!ScriptNames.isValid(name)) {
            return false;
        }
        boolean updated = inTransaction("changing the settings of " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE scripts SET kv_namespace = ?, "
                    + "allow_hosts = ?::jsonb, config = ?::jsonb, retry = ?::jsonb, rate_limit = ?::jsonb, "
                    + "updated_at = now() WHERE name = ?")) {
                ScriptSettingsColumns.write(ps, 1, settings);
                ps.setString(ScriptSettingsColumns.COUNT + 1, name);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            notifyOthers(c, name);
            return true;
        });
        if (updated) {
            changed(name);
        }
        return updated;
    }

    @Override
    public Optional<ScriptVersion> active(String name) {
        if (!ScriptNames.isValid(name)) {
            return Optional.empty();
        }
        if (asked.size() < MAX_REMEMBERED) {
            asked.add(name);
        }
        return query("reading " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT v.name, v.version, v.hash, v.source, v.created_at, " + SETTINGS_COLUMNS
                            + " FROM scripts s "
                            + "JOIN script_versions v ON v.name = s.name AND v.version = s.active_version "
                            + "WHERE s.name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(version(rs).withSettings(ScriptSettingsColumns.read(rs, 6)))
                            : Optional.<ScriptVersion>empty();
                }
            }
        });
    }

    @Override
    public List<ScriptSummary> list() {
        return summaries("listing scripts", "", null);
    }

    @Override
    public Optional<ScriptSummary> summary(String name) {
        if (!ScriptNames.isValid(name)) {
            return Optional.empty();
        }
        return summaries("reading " + name, "WHERE s.name = ? ", name).stream().findFirst();
    }

    /** Summaries of the scripts {@code where} selects ({@code name} its one parameter, if any), by name. */
    private List<ScriptSummary> summaries(String what, String where, String name) {
        return query(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT s.name, s.active_version, v.hash, "
                            + "(SELECT max(version) FROM script_versions l WHERE l.name = s.name), s.updated_at, "
                            + "u.name, s.access "
                            + "FROM scripts s JOIN script_versions v ON v.name = s.name AND v.version = s.active_version "
                            + "LEFT JOIN users u ON u.id = s.owner_id " + where + "ORDER BY s.name")) {
                if (name != null) {
                    ps.setString(1, name);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<ScriptSummary> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new ScriptSummary(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4),
                                rs.getTimestamp(5).toInstant(), rs.getString(6), ScriptAccess.fromId(rs.getString(7))));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public List<ScriptVersion> versions(String name) {
        if (!ScriptNames.isValid(name)) {
            return List.of();
        }
        return query("listing versions of " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, version, hash, source, created_at FROM script_versions WHERE name = ? "
                            + "ORDER BY version DESC")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    List<ScriptVersion> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(version(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public Optional<ScriptVersion> rollback(String name, int version) {
        if (!ScriptNames.isValid(name)) {
            return Optional.empty();
        }
        Optional<ScriptVersion> result = inTransaction("rolling back " + name, c -> {
            ScriptVersion sv;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT v.name, v.version, v.hash, v.source, v.created_at FROM scripts s "
                            + "JOIN script_versions v ON v.name = s.name WHERE s.name = ? AND v.version = ? "
                            + "FOR UPDATE OF s")) {
                ps.setString(1, name);
                ps.setInt(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<ScriptVersion>empty();
                    }
                    sv = version(rs);
                }
            }
            setActive(c, name, version);
            return Optional.of(sv);
        });
        if (result.isPresent()) {
            changed(name);
        }
        return result;
    }

    @Override
    public boolean delete(String name) {
        if (!ScriptNames.isValid(name)) {
            return false;
        }
        boolean deleted = inTransaction("deleting " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM scripts WHERE name = ?")) {
                ps.setString(1, name);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            notifyOthers(c, name);
            return true;
        });
        if (deleted) {
            changed(name);
        }
        return deleted;
    }

    private void setActive(Connection c, String name, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE scripts SET active_version = ?, updated_at = now() WHERE name = ?")) {
            ps.setInt(1, version);
            ps.setString(2, name);
            ps.executeUpdate();
        }
        notifyOthers(c, name);
    }

    private static void notifyOthers(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, CHANNEL);
            ps.setString(2, name);
            ps.executeQuery().close();
        }
    }

    private void changed(String name) {
        for (ScriptChangeListener l : listeners) {
            try {
                l.scriptChanged(name);
            } catch (RuntimeException e) {
                LOG.warn("Script change listener {} failed for {}: {}", l.getClass().getName(), name, e.toString());
            }
        }
    }

    /**
     * After the notification connection was lost, changes may have been missed: tell listeners about every name
     * they may have cached (asked since the last resync, including scripts deleted meanwhile) and every stored one.
     */
    private void resync() {
        Set<String> names = new HashSet<>(asked);
        asked.clear();
        try {
            for (ScriptSummary s : list()) {
                names.add(s.name());
            }
        } catch (RuntimeException e) {
            LOG.debug("Scripts not re-read after reconnecting: {}", e.toString());
        }
        names.forEach(this::changed);
    }

    private static final String SETTINGS_COLUMNS = "s.kv_namespace, s.allow_hosts::text, s.config::text, "
            + "s.retry::text, s.rate_limit::text";

    private static ScriptVersion version(ResultSet rs) throws SQLException {
        return new ScriptVersion(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }

    private static void requireName(String name) {
        if (!ScriptNames.isValid(name)) {
            throw new IllegalArgumentException("invalid script name: " + name);
        }
    }

    private <T> T query(String what, DbWork.Work<T> work) {
        return DbWork.query(db, what, work);
    }

    private <T> T inTransaction(String what, DbWork.Work<T> work) {
        return DbWork.inTransaction(db, what, work);
    }
}
