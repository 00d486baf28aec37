package io.picloud.store.impl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.picloud.api.Role;
import io.picloud.api.User;
import io.picloud.api.UserStore;
import io.picloud.api.control.OperationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link UserStore} over the {@code users} table. A change of role or activity locks the owners' rows first, so
 * two owners demoting each other at once cannot both succeed: the last active owner always stays.
 */
@Component(service = UserStore.class)
public class JdbcUserStore implements UserStore {
    private static final String COLUMNS = "id, name, role, active, created_at, password_hash IS NOT NULL";
    private final StoreDatabase db;

    @Activate
    public JdbcUserStore(@Reference StoreDatabase db) {
        this.db = db;
    }

    @Override
    public User create(String username, String passwordHash, Role role) {
        return DbWork.inTransaction(db, "creating a user", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (name, password_hash, role) "
                    + "VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING " + COLUMNS)) {
                ps.setString(1, username);
                ps.setString(2, passwordHash);
                ps.setString(3, role.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new OperationException(OperationException.Kind.CONFLICT, "duplicate_username",
                                "the username " + username + " is taken", "username", 0, null);
                    }
                    return user(rs);
                }
            }
        });
    }

    @Override
    public Optional<User> createFirstOwner(String username, String keyName, String keyHash, String keyPrefix) {
        return DbWork.inTransaction(db, "creating the first owner", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE");
                try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM users)")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.<User>empty();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO users (name, role) VALUES (?, 'owner') RETURNING " + COLUMNS)) {
                ps.setString(1, username);
                User owner;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    owner = user(rs);
                }
                try (PreparedStatement key = c.prepareStatement(
                        "INSERT INTO api_keys (user_id, name, key_hash, prefix) VALUES (?, ?, ?, ?)")) {
                    key.setLong(1, owner.id());
                    key.setString(2, keyName);
                    key.setString(3, keyHash);
                    key.setString(4, keyPrefix);
                    key.executeUpdate();
                }
                return Optional.of(owner);
            }
        });
    }

    @Override
    public Optional<User> find(long id) {
        return one("SELECT " + COLUMNS + " FROM users WHERE id = ?", id);
    }

    @Override
    public Optional<User> findByName(String username) {
        return one("SELECT " + COLUMNS + " FROM users WHERE name = ?", username);
    }

    @Override
    public List<User> list() {
        return DbWork.query(db, "listing users", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<User> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(user(rs));
                }
                return out;
            }
        });
    }

    @Override
    public Optional<String> passwordHash(String username) {
        return DbWork.query(db, "reading a password hash", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT password_hash FROM users WHERE name = ? AND active AND password_hash IS NOT NULL")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public Optional<User> update(long id, Role role, Boolean active, String passwordHash, String username) {
        return DbWork.inTransaction(db, "changing a user", c -> {
            boolean hadOwner = lockOwners(c);
            Optional<User> changed;
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET role = coalesce(?, role), "
                    + "active = coalesce(?, active), password_hash = coalesce(?, password_hash), "
                    + "name = coalesce(?, name) WHERE id = ? RETURNING " + COLUMNS)) {
                ps.setString(1, role == null ? null : role.id());
                ps.setObject(2, active, java.sql.Types.BOOLEAN);
                ps.setString(3, passwordHash);
                ps.setString(4, username);
                ps.setLong(5, id);
                try (ResultSet rs = ps.executeQuery()) {
                    changed = rs.next() ? Optional.of(user(rs)) : Optional.empty();
                }
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new OperationException(OperationException.Kind.CONFLICT, "duplicate_username",
                            "the username " + username + " is taken", "username", 0, null);
                }
                throw e;
            }
            if (hadOwner) {
                requireAnOwner(c);
            }
            if (changed.isPresent() && !changed.get().active()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE user_id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            return changed;
        });
    }

    @Override
    public boolean delete(long id) {
        return DbWork.inTransaction(db, "deleting a user", c -> {
            boolean hadOwner = lockOwners(c);
            boolean deleted;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
                ps.setLong(1, id);
                deleted = ps.executeUpdate() == 1;
            }
            if (hadOwner) {
                requireAnOwner(c);
            }
            return deleted;
        });
    }

    @Override
    public int ownedScripts(long id) {
        return DbWork.query(db, "counting a user's scripts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM scripts WHERE owner_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public List<String> activeOwners() {
        return DbWork.query(db, "listing owners", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name FROM users WHERE role = 'owner' AND active ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    /**
     * Locks the active owners' rows; true when there is one. Only a change that removes the last one is refused: a
     * database without any (a schema-3 upgrade that had no owner) must still let its users be changed.
     */
    private static boolean lockOwners(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM users WHERE role = 'owner' AND active FOR UPDATE")) {
            return rs.next();
        }
    }

    private static void requireAnOwner(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM users WHERE role = 'owner' AND active")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                throw OperationException.conflict("last_owner",
                        "PiCloud needs at least one active owner: make someone else an owner first");
            }
        }
    }

    private Optional<User> one(String sql, Object param) {
        return DbWork.query(db, "reading a user", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, param);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(user(rs)) : Optional.<User>empty();
                }
            }
        });
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong(1), rs.getString(2), Role.fromId(rs.getString(3)), rs.getBoolean(4),
                rs.getTimestamp(5).toInstant(), rs.getBoolean(6));
    }
}
