package io.picloud.store.impl;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.picloud.api.Role;
import io.picloud.api.SessionStore;
import io.picloud.api.StoredSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link SessionStore} over the {@code sessions} and {@code login_failures} tables. */
@Component(service = SessionStore.class)
public class JdbcSessionStore implements SessionStore {
    private final StoreDatabase db;

    @Activate
    public JdbcSessionStore(@Reference StoreDatabase db) {
        this.db = db;
    }

    @Override
    public void create(long userId, String tokenHash) {
        DbWork.query(db, "creating a session", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sessions (token_hash, user_id) VALUES (?, ?)")) {
                ps.setString(1, tokenHash);
                ps.setLong(2, userId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<StoredSession> find(String tokenHash, Duration idle, Duration absolute) {
        return DbWork.query(db, "reading a session", c -> {
            // one statement: refreshes last_seen_at at most once a minute and returns the row either way
            try (PreparedStatement ps = c.prepareStatement("WITH s AS (SELECT s.id, s.user_id, u.name, u.role, "
                    + "s.created_at, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id "
                    + "WHERE s.token_hash = ? AND u.active AND s.last_seen_at > now() - ?::interval "
                    + "AND s.created_at > now() - ?::interval), "
                    + "t AS (UPDATE sessions SET last_seen_at = now() WHERE id IN (SELECT id FROM s "
                    + "WHERE last_seen_at < now() - interval '1 minute')) SELECT * FROM s")) {
                ps.setString(1, tokenHash);
                ps.setString(2, idle.toSeconds() + " seconds");
                ps.setString(3, absolute.toSeconds() + " seconds");
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<StoredSession>empty();
                    }
                    return Optional.of(new StoredSession(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            Role.fromId(rs.getString(4)), rs.getTimestamp(5).toInstant(),
                            rs.getTimestamp(6).toInstant()));
                }
            }
        });
    }

    @Override
    public boolean delete(String tokenHash) {
        return DbWork.query(db, "ending a session", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void deleteForUser(long userId) {
        DbWork.query(db, "ending a user's sessions", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE user_id = ?")) {
                ps.setLong(1, userId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void recordFailedLogin(String username, String address) {
        DbWork.query(db, "recording a failed login", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO login_failures (username, address) VALUES (?, ?)")) {
                ps.setString(1, truncate(username, 100));
                ps.setString(2, truncate(address, 64));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public long[] failedLogins(String username, String address, Instant since) {
        return DbWork.query(db, "counting failed logins", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT "
                    + "(SELECT count(*) FROM login_failures WHERE username = ? AND failed_at > ?), "
                    + "(SELECT count(*) FROM login_failures WHERE address = ? AND failed_at > ?)")) {
                Timestamp t = Timestamp.from(since);
                ps.setString(1, truncate(username, 100));
                ps.setTimestamp(2, t);
                ps.setString(3, truncate(address, 64));
                ps.setTimestamp(4, t);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                }
            }
        });
    }

    @Override
    public Optional<Instant> oldestFailure(String username, String address, Instant since) {
        return DbWork.query(db, "reading failed logins", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT min(failed_at) FROM login_failures "
                    + "WHERE (username = ? OR address = ?) AND failed_at > ?")) {
                ps.setString(1, truncate(username, 100));
                ps.setString(2, truncate(address, 64));
                ps.setTimestamp(3, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Timestamp t = rs.getTimestamp(1);
                    return Optional.ofNullable(t == null ? null : t.toInstant());
                }
            }
        });
    }

    @Override
    public void purge(Duration absolute, Duration failureWindow) {
        DbWork.query(db, "purging sessions", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE created_at < now() - ?::interval");
                 PreparedStatement ps2 = c.prepareStatement(
                         "DELETE FROM login_failures WHERE failed_at < now() - ?::interval")) {
                ps.setString(1, absolute.toSeconds() + " seconds");
                ps2.setString(1, failureWindow.toSeconds() + " seconds");
                return ps.executeUpdate() + ps2.executeUpdate();
            }
        });
    }

    private static String truncate(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() <= max ? v : v.substring(0, max);
    }
}
