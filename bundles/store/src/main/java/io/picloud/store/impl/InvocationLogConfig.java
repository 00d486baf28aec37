package io.picloud.store.impl;

/**
 * The invocation log's settings, read from the manager's PID {@code io.picloud.manager} (file
 * {@code etc/io.picloud.manager.cfg}) so that existing configurations keep working now that the log lives in the
 * store bundle of every container. The manager's metatype ({@code ManagerConfig}) describes the same keys with
 * the same defaults; this is only the typed view of them, hence no {@code @ObjectClassDefinition} here.
 */
@interface InvocationLogConfig {
    String PID = "io.picloud.manager";

    int invocationRetentionDays() default 7;

    long invocationMaxRows() default 0;

    int invocationQueueCapacity() default 10_000;

    int invocationPruneIntervalMinutes() default 60;
}
