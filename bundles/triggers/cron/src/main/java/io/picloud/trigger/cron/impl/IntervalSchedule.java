package io.picloud.trigger.cron.impl;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code @every 5m}: due at every whole multiple of the interval since the Unix epoch, so every node computes the
 * same due times (needed for exactly-once claims) and the time zone plays no part. Real elapsed time: DST changes
 * neither add nor drop runs.
 */
final class IntervalSchedule implements Schedule {
    private final long millis;

    IntervalSchedule(Duration interval) {
        this.millis = interval.toMillis();
    }

    @Override
    public Instant next(Instant after) {
        long t = after.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(t, millis) * millis + millis);
    }

    @Override
    public String toString() {
        return "every " + Duration.ofMillis(millis);
    }
}
