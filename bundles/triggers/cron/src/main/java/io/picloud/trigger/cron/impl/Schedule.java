package io.picloud.trigger.cron.impl;

import java.time.Instant;

/** When a cron binding is due. Immutable and thread-safe. */
interface Schedule {
    /** The first due time strictly after {@code after}, or null if there is none within five years. */
    Instant next(Instant after);
}
