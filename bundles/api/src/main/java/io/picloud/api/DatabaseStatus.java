package io.picloud.api;

/**
 * Whether PiCloud's database answers right now, and a short description of it. Registered by the database
 * bundle next to the {@code DataSource} service ({@code dataSourceName=picloud}); read by health endpoints and
 * shell commands. Thread-safe and cheap: implementations probe the database at most about once a second and
 * never block longer than a few seconds.
 */
@org.osgi.annotation.versioning.ProviderType
public interface DatabaseStatus {
    /** True when a connection to the database could be opened and validated by the latest probe. */
    boolean available();

    /**
     * Human-readable, one line, never null and never containing a password: what the database is (embedded or
     * external, host, port, database name) and, when it is unavailable, why.
     */
    String detail();
}
