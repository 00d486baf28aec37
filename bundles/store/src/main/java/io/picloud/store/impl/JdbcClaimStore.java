package io.picloud.store.impl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.picloud.api.ClaimStore;
import io.picloud.api.StoreUnavailableException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClaimStore} as rows of {@code trigger_claims} (changelog {@code 0002_triggers}): the first
 * {@code INSERT ... ON CONFLICT DO NOTHING} of a key wins, on whichever node. The insert stays uncommitted until the
 * claim is kept or released, so a node claiming the same key meanwhile waits for that outcome. Rows older than the
 * retention are deleted at most once an hour, by whichever node keeps a claim then. A claim on a database the
 * store knows to be down throws {@link StoreUnavailableException} at once, without waiting for the pool; a
 * connection failure marks it down, as in the other stores, and throws the same. Thread-safe.
 */
@Component(service = ClaimStore.class)
public class JdbcClaimStore implements ClaimStore {
    private static final Logger logger = LoggerFactory.getLogger(JdbcClaimStore.class);
    static final String INSERT = "INSERT INTO trigger_claims (claim_key, node) VALUES (?, ?) "
            + "ON CONFLICT (claim_key) DO NOTHING";
    static final String PURGE = "DELETE FROM trigger_claims WHERE claimed_at < now() - make_interval(days => ?)";
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final StoreDatabase db;
    private final Clock clock;
    private volatile Instant nextPurge = Instant.MIN;
    private volatile Instant nextWarning = Instant.MIN;

    @Activate
    public JdbcClaimStore(@Reference StoreDatabase db) {
        this(db, Clock.systemUTC());
    }

    JdbcClaimStore(StoreDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Claim claim(String node, String key, int retentionDays) {
        Connection connection = null;
        try {
            connection = db.connection();
            // the row stays uncommitted until keep/release: PostgreSQL makes a concurrent insert of the same key
            // on another node wait for that outcome instead of failing at once
            connection.setAutoCommit(false);
            boolean won;
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, key);
                insert.setString(2, node);
                won = insert.executeUpdate() == 1;
            }
            if (!won) {
                connection.rollback();
                connection.close();
                return null;
            }
            return new Pending(key, Math.max(1, retentionDays), connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            RuntimeException failure = db.failed(e, "recording a trigger claim");
            if (failure instanceof StoreUnavailableException) {
                throw failure;      // the caller claims again once the database is back
            }
            warn(key, e.getMessage());
            return null;
        } catch (StoreUnavailableException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private final class Pending implements Claim {
        private final String key;
        private final int retentionDays;
        private final Connection connection;

        Pending(String key, int retentionDays, Connection connection) {
            this.key = key;
            this.retentionDays = retentionDays;
            this.connection = connection;
        }

        @Override
        public void keep() {
            try {
                connection.commit();
                Instant now = clock.instant();
                if (now.isAfter(nextPurge)) {
                    nextPurge = now.plus(PURGE_EVERY);
                    connection.setAutoCommit(true);
                    purge(connection, retentionDays);
                }
            } catch (SQLException e) {
                // the event runs anyway; at worst another node that was waiting runs it too
                warn(key, failed(e));
            } finally {
                closeQuietly(connection);
            }
        }

        @Override
        public void release() {
            try {
                connection.rollback();
            } catch (SQLException e) {
                logger.debug("Release of trigger claim '{}' failed (closing the connection ends it): {}", key,
                        e.getMessage());
            } finally {
                closeQuietly(connection);
            }
        }
    }

    /** The failure's message; an unreachable database is marked down (and probed) as the other stores do. */
    private String failed(SQLException e) {
        db.failed(e, "recording a trigger claim");
        return e.getMessage();
    }

    private void warn(String key, String problem) {
        Instant now = clock.instant();
        if (now.isAfter(nextWarning)) {
            nextWarning = now.plus(WARN_EVERY);
            logger.warn("Trigger claim '{}' could not be recorded, so it is skipped on this node: {}", key, problem);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            logger.debug("Closing a claim connection failed: {}", e.getMessage());
        }
    }

    private static void purge(Connection connection, int retentionDays) throws SQLException {
        try (PreparedStatement purge = connection.prepareStatement(PURGE)) {
            purge.setInt(1, retentionDays);
            int deleted = purge.executeUpdate();
            if (deleted > 0) {
                logger.debug("Deleted {} trigger claims older than {} days", deleted, retentionDays);
            }
        }
    }
}
