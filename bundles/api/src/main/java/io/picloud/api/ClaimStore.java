package io.picloud.api;

/**
 * Exactly-once claims across the nodes of a cluster, in PostgreSQL (table {@code trigger_claims}): the trigger
 * runtime claims each due time of a binding (a key such as {@code <binding>@<due time>}) before it fires it, and
 * only the node that won the claim fires.
 * <p>
 * A won claim is <em>pending</em> until it is {@linkplain Claim#keep() kept} or {@linkplain Claim#release()
 * released}: its row stays uncommitted (and holds a database connection) meanwhile, so another node claiming the
 * same key waits for that outcome inside {@link #claim} and wins if the claim is released (the winner could not
 * fire after all). A due time is thus neither run twice nor lost when the winning node stops between claim and
 * fire. Callers settle every won claim promptly.
 * <p>
 * Claims older than the retention are deleted at most once an hour, when a claim is kept, by whichever node keeps
 * one then. The retention is passed with each claim (the trigger runtime's {@code claimRetentionDays} setting;
 * values below one count as one day). A claim that cannot be recorded because the database is unreachable throws
 * {@link StoreUnavailableException} (at once while the database is known to be away), so that the caller may claim
 * the same key again once it is back; other failures are lost ({@code null}) and logged as a warning at most once a
 * minute. Thread-safe.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ClaimStore {
    /**
     * Claims {@code key} for {@code node}. May block while another node's claim of the same key is pending.
     *
     * @param node          the claiming node, recorded with a won claim
     * @param key           what is claimed, at most once across the cluster
     * @param retentionDays days a kept claim is kept before the hourly purge deletes it (at least one)
     * @return the won, pending claim; {@code null} when another node has the key or the claim failed otherwise
     * @throws StoreUnavailableException the database cannot be reached: nothing was claimed (since 0.7)
     */
    Claim claim(String node, String key, int retentionDays);

    /** A won, pending claim. Exactly one of the two methods is called, once; neither throws. */
    interface Claim {
        /**
         * The event was handed over to run: the claim stands for good. When the commit fails the event runs
         * anyway (logged); at worst another node that was waiting runs it too.
         */
        void keep();

        /** The event will not run here: forget the claim, so that a node waiting for it may take it. */
        void release();
    }
}
