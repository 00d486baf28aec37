package io.picloud.manager.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the manager, PID {@code io.picloud.manager} (file {@code etc/io.picloud.manager.cfg}). */
@ObjectClassDefinition(id = ManagerConfig.PID, name = "PiCloud manager",
        description = "Control plane: REST API limits, invocation log and audit retention, sessions, first-start owner bootstrap.")
public @interface ManagerConfig {
    String PID = "io.picloud.manager";

    @AttributeDefinition(name = "Maximum upload size", description = "Largest accepted request body in bytes (413 above).")
    int maxUploadBytes() default 1_048_576;

    @AttributeDefinition(name = "Invocation retention (days)", description = "Invocation records older than this are deleted; 0 keeps them by age.")
    int invocationRetentionDays() default 7;

    @AttributeDefinition(name = "Invocation maximum rows", description = "Keep about this many invocation records (whole write batches are deleted, so a few more may stay); 0 means no row limit.")
    long invocationMaxRows() default 0;

    @AttributeDefinition(name = "Invocation queue capacity", description = "Records waiting to be written; above it new records are dropped and counted.")
    int invocationQueueCapacity() default 10_000;

    @AttributeDefinition(name = "Retention interval (minutes)", description = "How often old invocation records are pruned.")
    int invocationPruneIntervalMinutes() default 60;

    @AttributeDefinition(name = "Live tails", description = "Most open live tails of the invocation log (GET /api/v1/invocations/stream) at once; one more is 429.")
    int maxLiveTails() default 32;

    @AttributeDefinition(name = "Audit retention (days)", description = "Audit log entries older than this are deleted (once a day); 0 keeps them.")
    int auditRetentionDays() default 365;

    @AttributeDefinition(name = "Session idle expiry (minutes)", description = "A browser session unused for this long ends.")
    int sessionIdleMinutes() default 480;

    @AttributeDefinition(name = "Session absolute expiry (hours)", description = "A browser session ends this long after the login, used or not.")
    int sessionAbsoluteHours() default 168;

    @AttributeDefinition(name = "Trusted proxies", description = "Comma-separated addresses of reverse proxies (Caddy) whose X-Forwarded-For and X-Forwarded-Proto are believed.")
    String trustedProxies() default "127.0.0.1,::1,0:0:0:0:0:0:0:1";

    @AttributeDefinition(name = "Bootstrap token", type = AttributeType.PASSWORD,
            description = "API key of the owner created at first start (empty users table). The environment variable "
                    + "PICLOUD_BOOTSTRAP_TOKEN wins over it; it must have at least 32 characters; when both are empty a random key is generated, logged once "
                    + "and written to <data dir>/bootstrap-token. The property is private (.bootstrapToken): it "
                    + "never shows in service properties.")
    String _bootstrapToken() default "";
}
