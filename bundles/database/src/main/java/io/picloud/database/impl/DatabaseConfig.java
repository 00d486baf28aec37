package io.picloud.database.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code io.picloud.database} ({@code etc/io.picloud.database.cfg}). Every blank value falls
 * back to an environment variable (named in each description), then to the default.
 */
@ObjectClassDefinition(name = "PiCloud database",
        description = "The PostgreSQL database PiCloud keeps everything in. Without a URL an embedded PostgreSQL is started.")
public @interface DatabaseConfig {

    @AttributeDefinition(name = "JDBC URL",
            description = "e.g. jdbc:postgresql://db.example:5432/picloud; env PICLOUD_DB_URL. Empty: embedded PostgreSQL.")
    String url() default "";

    @AttributeDefinition(name = "User", description = "External database only; env PICLOUD_DB_USER; default postgres", required = false)
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "External database only (the embedded one keeps its own in <dir>/postgres/picloud-password); "
                    + "env PICLOUD_DB_PASSWORD", required = false)
    String password() default "";

    @AttributeDefinition(name = "Data directory",
            description = "env PICLOUD_DATA_DIR; default <karaf.data>/picloud. The embedded database lives in <dir>/postgres.",
            required = false)
    String dataDir() default "";

    @AttributeDefinition(name = "Embedded port",
            description = "TCP port of the embedded PostgreSQL on 127.0.0.1; 0 picks a free port at each start")
    int embeddedPort() default 0;

    @AttributeDefinition(name = "Pool size", description = "Maximum number of pooled connections")
    int poolMaxSize() default 10;

    @AttributeDefinition(name = "Connection timeout (ms)",
            description = "How long getConnection() waits for a connection before failing (database down or pool exhausted)")
    long connectionTimeoutMs() default 5000;
}
