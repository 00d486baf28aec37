package io.picloud.api.control;

import java.util.List;

import io.picloud.api.KvStore;

/**
 * The {@code kv} namespaces of scripts, for people and the dashboard. A namespace exists while a script uses it
 * (its own name or a shared one): any other is NOT_FOUND. Reading is for every control-plane role (viewer and up);
 * writing is for whoever may change at least one script using the namespace (its owner, admins, owners), and is
 * audited. Values are JSON texts as in {@link KvStore}; INVALID names the field at fault ({@code key},
 * {@code value}, {@code ttl}, {@code prefix}).
 */
@org.osgi.annotation.versioning.ProviderType
public interface KvService {
    /** The most entries one {@link #list} returns. */
    int MAX_LIST = 1000;

    /** Live entries whose key starts with {@code prefix} (null or empty: all), by key, at most {@code limit}. */
    List<KvStore.Entry> list(Principal p, String namespace, String prefix, int limit);

    /** The live entry; NOT_FOUND when absent. */
    KvStore.Entry get(Principal p, String namespace, String key);

    /**
     * Sets the key to the JSON value {@code json} (any JSON value but null), expiring after {@code ttlSeconds}
     * when not null (at least 1), else never; returns the entry as stored.
     */
    KvStore.Entry put(Principal p, String namespace, String key, String json, Long ttlSeconds);

    /** Removes the key; NOT_FOUND when absent. */
    void delete(Principal p, String namespace, String key);
}
