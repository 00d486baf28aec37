package io.picloud.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code kv} host API's state: strongly consistent key-value entries in PostgreSQL, grouped by namespace (a
 * script's own name, or a namespace several scripts of one owner share). Every operation is one atomic statement;
 * an entry past its expiry is invisible to every operation at once, and purged later ({@link #purgeExpired}).
 *
 * <p>Values are JSON texts, stored as {@code jsonb}. Writers keep INT and FLOAT apart by how they write numbers:
 * an integer without a fraction or exponent ({@code 3}), a FLOAT always with a fraction ({@code 1.0},
 * {@code 100000000000000000000.0}, never {@code 1E20}), which {@code jsonb} keeps as written. Values read back are
 * {@code jsonb}'s own text (object keys in its order). Keys are non-empty strings of at most {@link #MAX_KEY_BYTES}
 * UTF-8 bytes; they sort by their bytes.
 *
 * <p>Thread-safe. Throws {@link StoreUnavailableException} while the database cannot be reached (nothing was done),
 * {@link KvRefusedException} for a refused write; {@code maxKeys} 0 means no limit of keys per namespace.
 */
@org.osgi.annotation.versioning.ProviderType
public interface KvStore {
    /** The largest key the schema holds, in UTF-8 bytes. */
    int MAX_KEY_BYTES = 512;

    /**
     * One live entry.
     *
     * @param json      the value as JSON text
     * @param expiresAt null when the entry does not expire
     */
    record Entry(String key, String json, Instant expiresAt, Instant updatedAt) {
    }

    /** The live entry, or empty when absent or expired. */
    Optional<Entry> get(String namespace, String key);

    /**
     * Sets the value, replacing any other and its expiry. {@code ttlMillis} > 0: the entry expires that long after
     * now (the database's clock); 0: never. A new key is refused ({@link KvRefusedException.Reason#TOO_MANY_KEYS})
     * when the namespace already holds {@code maxKeys} live keys.
     *
     * @return true when no row held the key (an expired entry written over counts as not new)
     */
    boolean set(String namespace, String key, String json, long ttlMillis, long maxKeys);

    /** Removes the key; false when it was absent (or expired). */
    boolean delete(String namespace, String key);

    /**
     * Adds {@code by} to the key's INT value, atomically, and returns the new value; an absent (or expired) key
     * counts as 0 and is created without expiry; a live key keeps its expiry. Refused when the value is not an INT
     * ({@link KvRefusedException.Reason#NOT_AN_INTEGER}), when the sum leaves the 64-bit range
     * ({@link KvRefusedException.Reason#OUT_OF_RANGE}), or for a new key in a full namespace.
     */
    long incr(String namespace, String key, long by, long maxKeys);

    /**
     * Compare-and-set, atomically: when the key's value is exactly {@code expectedJson} (the same JSON: same types,
     * same numbers, same members), replaces it by {@code newJson} (keeping its expiry) and returns true. A null
     * {@code expectedJson} expects the key absent (or expired; it is then created without expiry); a null
     * {@code newJson} deletes the key on a match.
     */
    boolean cas(String namespace, String key, String expectedJson, String newJson, long maxKeys);

    /**
     * Live entries whose key starts with {@code prefix} ({@code ""}: all), by key, at most {@code limit}.
     */
    List<Entry> list(String namespace, String prefix, int limit);

    /** The keys of {@link #list}, without their values. */
    List<String> keys(String namespace, String prefix, int limit);

    /** How many live keys the namespace holds. */
    long count(String namespace);

    /**
     * Milliseconds from now (the database's clock) to the earliest expiry of any entry, 0 when some entry has
     * already expired; empty when no entry expires.
     */
    OptionalLong millisToNextExpiry();

    /**
     * Deletes at most {@code limit} expired entries, the oldest expiries first, skipping rows others hold locked; in
     * the same statement, reads when the next entry that has not expired yet will.
     */
    Purged purgeExpired(int limit);

    /**
     * What one {@link #purgeExpired} did.
     *
     * @param millisToNextExpiry milliseconds from the statement to the earliest expiry still ahead; empty: none
     */
    record Purged(int deleted, OptionalLong millisToNextExpiry) {
    }

    /**
     * Tells {@code listener} of every expiry set through this container's store, by the milliseconds until it
     * (a purger sleeping until the next expiry wakes up sooner), on the writer's thread: it must not block.
     */
    void addExpiryListener(java.util.function.LongConsumer listener);

    void removeExpiryListener(java.util.function.LongConsumer listener);
}
