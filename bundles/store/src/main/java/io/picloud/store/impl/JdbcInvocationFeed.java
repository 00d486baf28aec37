package io.picloud.store.impl;

import io.picloud.api.InvocationFeed;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

/**
 * {@link InvocationFeed} over the {@code picloud_invocations} notification of schema 6 (payload
 * {@code "<batch id> <script>"}). Listens only while someone listens (the manager's live tail), so that nodes
 * hold no LISTEN connection for it. After a lost connection the batches written meanwhile are read from the table
 * and told, up to {@link #RESYNC_LIMIT}.
 */
@Component(service = InvocationFeed.class)
public class JdbcInvocationFeed implements InvocationFeed {
    static final String CHANNEL = "picloud_invocations";
    static final int RESYNC_LIMIT = 500;
    static final long LISTEN_WAIT_MS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcInvocationFeed.class);

    private final StoreDatabase db;
    private final DataSource dataSource;
    private final List<BatchListener> listeners = new CopyOnWriteArrayList<>();
    private PgNotifications notifications;
    private volatile long lastBatch;

    @Activate
    public JdbcInvocationFeed(@Reference StoreDatabase db,
                              @Reference(target = "(dataSourceName=picloud)") DataSource dataSource) {
        this.db = db;
        this.dataSource = dataSource;
    }

    /** Returns once LISTEN is in place, so that no batch written after it returns is missed (or after 2 s). */
    @Override
    public Subscription listen(BatchListener listener) {
        PgNotifications started;
        synchronized (this) {
            listeners.add(listener);
            if (notifications == null) {
                notifications = new PgNotifications(dataSource, CHANNEL, "invocation", (pid, payload) ->
                        notified(payload), this::resync);
                notifications.start();
            }
            started = notifications;
        }
        try {
            started.awaitListening(LISTEN_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return () -> remove(listener);
    }

    private void remove(BatchListener listener) {
        PgNotifications stopping = null;
        synchronized (this) {
            if (listeners.remove(listener) && listeners.isEmpty()) {
                stopping = notifications;
                notifications = null;
            }
        }
        if (stopping != null) {
            stopping.stop();
        }
    }

    /** True while LISTEN is in place (for tests). */
    synchronized boolean listening() {
        return notifications != null && notifications.listening();
    }

    @Deactivate
    public void stop() {
        PgNotifications stopping;
        synchronized (this) {
            listeners.clear();
            stopping = notifications;
            notifications = null;
        }
        if (stopping != null) {
            stopping.stop();
        }
    }

    private void notified(String payload) {
        int space = payload.indexOf(' ');
        if (space < 1) {
            return;
        }
        try {
            tell(Long.parseLong(payload.substring(0, space)), payload.substring(space + 1));
        } catch (NumberFormatException e) {
            LOG.debug("Ignored the invocation notification '{}'", payload);
        }
    }

    private void tell(long batch, String script) {
        lastBatch = Math.max(lastBatch, batch);
        for (BatchListener l : listeners) {
            try {
                l.written(batch, script);
            } catch (RuntimeException e) {
                LOG.warn("An invocation listener failed on batch {}: {}", batch, e.toString());
            }
        }
    }

    /** Tells the batches committed while not listening (only known once one batch was told). */
    private void resync() {
        long after = lastBatch;
        if (after == 0) {
            return;
        }
        List<Object[]> missed = DbWork.query(db, "reading missed invocation batches", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, script FROM invocation_batches WHERE id > ? ORDER BY id LIMIT " + RESYNC_LIMIT)) {
                ps.setLong(1, after);
                List<Object[]> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getLong(1), rs.getString(2)});
                    }
                }
                return rows;
            }
        });
        for (Object[] row : missed) {
            tell((Long) row[0], (String) row[1]);
        }
    }
}
