package io.picloud.store.impl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

import io.picloud.api.KvRefusedException;
import io.picloud.api.KvRefusedException.Reason;
import io.picloud.api.KvStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link KvStore} over the {@code kv_entries} table: each operation one statement, so atomic under PostgreSQL's
 * row locks ({@code incr} and {@code cas} never lose an update, on any number of nodes). Keys sort by their bytes
 * ({@code COLLATE "C"}), so a prefix is a range scan of the primary key. An expired row is skipped by every
 * statement ({@code expires_at IS NULL OR expires_at > now()}) until the purger deletes it, and a write to it
 * treats it as absent.
 */
@Component(service = KvStore.class)
public class JdbcKvStore implements KvStore {
    static final String LIVE = "(expires_at IS NULL OR expires_at > now())";
    /** An entry of the conflicting row (in {@code ON CONFLICT DO UPDATE}) whose expiry has passed. */
    private static final String EXPIRED = "(kv_entries.expires_at IS NOT NULL AND kv_entries.expires_at <= now())";
    private static final String EXPIRY = "CASE WHEN ?::bigint > 0 THEN now() + ?::bigint * interval '1 millisecond' END";
    /** Proposes the new row only when the key exists (in the statement's snapshot) or the namespace has room. */
    private static final String ROOM = " WHERE ?::bigint = 0 OR EXISTS (SELECT 1 FROM kv_entries WHERE namespace = ? "
            + "AND key = ?) OR (SELECT count(*) FROM (SELECT 1 FROM kv_entries WHERE namespace = ? AND " + LIVE
            + " LIMIT ?) n) < ?";

    private static final String SET = "INSERT INTO kv_entries (namespace, key, value, expires_at) "
            + "SELECT ?, ?, ?::jsonb, " + EXPIRY + ROOM
            + " ON CONFLICT (namespace, key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at, "
            + "updated_at = now() RETURNING (xmax = 0)";

    /**
     * One statement: a new or expired key starts at {@code by}; a live INT is added to unless the sum leaves the
     * 64-bit range (checked in numeric first); anything else leaves the row as it is and returns no row.
     */
    private static final String INCR = "INSERT INTO kv_entries (namespace, key, value) SELECT ?, ?, to_jsonb(?::bigint)"
            + ROOM + " ON CONFLICT (namespace, key) DO UPDATE SET "
            + "value = CASE WHEN " + EXPIRED + " THEN EXCLUDED.value "
            + "ELSE to_jsonb((kv_entries.value #>> '{}')::bigint + ?::bigint) END, "
            + "expires_at = CASE WHEN " + EXPIRED + " THEN NULL ELSE kv_entries.expires_at END, updated_at = now() "
            + "WHERE CASE WHEN " + EXPIRED + " THEN true "
            + "WHEN jsonb_typeof(kv_entries.value) = 'number' AND (kv_entries.value #>> '{}') ~ '^-?[0-9]+$' "
            + "THEN (kv_entries.value #>> '{}')::numeric + ?::numeric BETWEEN -9223372036854775808 "
            + "AND 9223372036854775807 ELSE false END "
            + "RETURNING (value #>> '{}')::bigint";

    private final StoreDatabase db;
    private final List<LongConsumer> expiryListeners = new CopyOnWriteArrayList<>();

    @Activate
    public JdbcKvStore(@Reference StoreDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<Entry> get(String namespace, String key) {
        return DbWork.query(db, "reading a kv entry", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT key, value::text, expires_at, updated_at "
                    + "FROM kv_entries WHERE namespace = ? AND key = ? AND " + LIVE)) {
                ps.setString(1, namespace);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean set(String namespace, String key, String json, long ttlMillis, long maxKeys) {
        Boolean created = DbWork.query(db, "setting a kv entry", c -> {
            try (PreparedStatement ps = c.prepareStatement(SET)) {
                int i = 1;
                ps.setString(i++, namespace);
                ps.setString(i++, key);
                ps.setString(i++, json);
                ps.setLong(i++, Math.max(0, ttlMillis));
                ps.setLong(i++, Math.max(0, ttlMillis));
                room(ps, i, namespace, key, maxKeys);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBoolean(1) : null;
                }
            }
        });
        if (created == null) {
            throw tooManyKeys(namespace, maxKeys);
        }
        if (ttlMillis > 0) {
            for (LongConsumer l : expiryListeners) {
                try {
                    l.accept(ttlMillis);
                } catch (RuntimeException e) {
                    // a listener's fault is not the writer's
                }
            }
        }
        return created;
    }

    @Override
    public void addExpiryListener(LongConsumer listener) {
        expiryListeners.add(listener);
    }

    @Override
    public void removeExpiryListener(LongConsumer listener) {
        expiryListeners.remove(listener);
    }

    @Override
    public boolean delete(String namespace, String key) {
        return DbWork.query(db, "deleting a kv entry", c -> {
            // an expired row goes too, but counts as absent
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM kv_entries WHERE namespace = ? AND key = ? "
                    + "RETURNING " + LIVE)) {
                ps.setString(1, namespace);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    @Override
    public long incr(String namespace, String key, long by, long maxKeys) {
        Long value = DbWork.query(db, "incrementing a kv entry", c -> {
            try (PreparedStatement ps = c.prepareStatement(INCR)) {
                int i = 1;
                ps.setString(i++, namespace);
                ps.setString(i++, key);
                ps.setLong(i++, by);
                i = room(ps, i, namespace, key, maxKeys);
                ps.setLong(i++, by);
                ps.setLong(i, by);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        });
        if (value != null) {
            return value;
        }
        // refused: say why (a second look, on the error path only)
        Optional<Entry> now = get(namespace, key);
        if (now.isEmpty()) {
            throw tooManyKeys(namespace, maxKeys);
        }
        String json = now.get().json();
        if (json.matches("-?[0-9]+")) {
            throw new KvRefusedException(Reason.OUT_OF_RANGE, "adding " + by + " to " + json
                    + " leaves the 64-bit integer range");
        }
        throw new KvRefusedException(Reason.NOT_AN_INTEGER, "the value of '" + key + "' is not an integer: "
                + abbreviate(json));
    }

    @Override
    public boolean cas(String namespace, String key, String expectedJson, String newJson, long maxKeys) {
        if (expectedJson == null && newJson == null) {
            return get(namespace, key).isEmpty();
        }
        if (expectedJson == null) {
            return createIfAbsent(namespace, key, newJson, maxKeys);
        }
        // jsonb's text is canonical (keys ordered, numbers as written): equal texts are the same value and types
        String sql = newJson == null
                ? "DELETE FROM kv_entries WHERE namespace = ? AND key = ? AND " + LIVE
                        + " AND value::text = ?::jsonb::text"
                : "UPDATE kv_entries SET value = ?::jsonb, updated_at = now() WHERE namespace = ? AND key = ? AND "
                        + LIVE + " AND value::text = ?::jsonb::text";
        return DbWork.query(db, "comparing and setting a kv entry", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (newJson != null) {
                    ps.setString(i++, newJson);
                }
                ps.setString(i++, namespace);
                ps.setString(i++, key);
                ps.setString(i, expectedJson);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private boolean createIfAbsent(String namespace, String key, String json, long maxKeys) {
        Boolean created = DbWork.query(db, "creating a kv entry", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv_entries (namespace, key, value) "
                    + "SELECT ?, ?, ?::jsonb" + ROOM + " ON CONFLICT (namespace, key) DO UPDATE SET "
                    + "value = EXCLUDED.value, expires_at = NULL, updated_at = now() WHERE " + EXPIRED
                    + " RETURNING 1")) {
                int i = 1;
                ps.setString(i++, namespace);
                ps.setString(i++, key);
                ps.setString(i++, json);
                room(ps, i, namespace, key, maxKeys);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!created && get(namespace, key).isEmpty()) {
            throw tooManyKeys(namespace, maxKeys);
        }
        return created;
    }

    @Override
    public List<Entry> list(String namespace, String prefix, int limit) {
        return DbWork.query(db, "listing kv entries", c -> {
            try (PreparedStatement ps = range(c, "key, value::text, expires_at, updated_at", namespace, prefix, limit);
                 ResultSet rs = ps.executeQuery()) {
                List<Entry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(entry(rs));
                }
                return out;
            }
        });
    }

    @Override
    public List<String> keys(String namespace, String prefix, int limit) {
        return DbWork.query(db, "listing kv keys", c -> {
            try (PreparedStatement ps = range(c, "key", namespace, prefix, limit); ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    @Override
    public long count(String namespace) {
        return DbWork.query(db, "counting kv keys", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM kv_entries WHERE namespace = ? AND "
                    + LIVE)) {
                ps.setString(1, namespace);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public OptionalLong millisToNextExpiry() {
        return DbWork.query(db, "reading the next kv expiry", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ceil(extract(epoch FROM min(expires_at) - now()) "
                    + "* 1000)::bigint FROM kv_entries WHERE expires_at IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                long millis = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(Math.max(0, millis));
            }
        });
    }

    @Override
    public Purged purgeExpired(int limit) {
        return DbWork.query(db, "purging expired kv entries", c -> {
            // SKIP LOCKED: the nodes' purgers (and writers) never wait for each other
            try (PreparedStatement ps = c.prepareStatement("WITH doomed AS (SELECT namespace, key FROM kv_entries "
                    + "WHERE expires_at <= now() ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED), "
                    + "gone AS (DELETE FROM kv_entries k USING doomed d WHERE k.namespace = d.namespace "
                    + "AND k.key = d.key AND k.expires_at <= now() RETURNING 1) "
                    + "SELECT (SELECT count(*) FROM gone), (SELECT ceil(extract(epoch FROM min(expires_at) - now()) "
                    + "* 1000)::bigint FROM kv_entries WHERE expires_at > now())")) {
                ps.setInt(1, Math.max(1, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int deleted = rs.getInt(1);
                    long next = rs.getLong(2);
                    return new Purged(deleted, rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(Math.max(0, next)));
                }
            }
        });
    }

    /** The live rows of a key range, by key: {@code [prefix, next prefix)} of the byte order. */
    private static PreparedStatement range(Connection c, String columns, String namespace, String prefix, int limit)
            throws SQLException {
        String p = prefix == null ? "" : prefix;
        String upper = p.isEmpty() ? null : successor(p);
        PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM kv_entries WHERE namespace = ? AND "
                + "key >= ?" + (upper == null ? "" : " AND key < ?") + " AND " + LIVE + " ORDER BY key LIMIT ?");
        int i = 1;
        ps.setString(i++, namespace);
        ps.setString(i++, p);
        if (upper != null) {
            ps.setString(i++, upper);
        }
        ps.setInt(i, Math.max(0, limit));
        return ps;
    }

    /**
     * The least string above every string starting with {@code prefix}, in code point order (which is UTF-8's
     * byte order, so {@code COLLATE "C"}'s): the last code point that can grow, grown by one; null when none can.
     */
    static String successor(String prefix) {
        int[] cps = prefix.codePoints().toArray();
        for (int i = cps.length - 1; i >= 0; i--) {
            int next = cps[i] + 1;
            if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                next = Character.MAX_SURROGATE + 1;
            }
            if (next <= Character.MAX_CODE_POINT) {
                cps[i] = next;
                return new String(cps, 0, i + 1);
            }
        }
        return null;
    }

    private static int room(PreparedStatement ps, int first, String namespace, String key, long maxKeys)
            throws SQLException {
        int i = first;
        ps.setLong(i++, Math.max(0, maxKeys));
        ps.setString(i++, namespace);
        ps.setString(i++, key);
        ps.setString(i++, namespace);
        ps.setLong(i++, Math.max(0, maxKeys));
        ps.setLong(i++, Math.max(0, maxKeys));
        return i;
    }

    private static KvRefusedException tooManyKeys(String namespace, long maxKeys) {
        return new KvRefusedException(Reason.TOO_MANY_KEYS, "the kv namespace '" + namespace + "' holds "
                + maxKeys + " keys, the most allowed (maxKeysPerNamespace)");
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String abbreviate(String json) {
        return json.length() > 60 ? json.substring(0, 60) + "..." : json;
    }
}
