package io.picloud.api;

import java.time.Duration;

/**
 * The run queue at one moment.
 *
 * @param waiting       runs queued or failed and waiting for an attempt
 * @param running       runs leased to a worker
 * @param dead          dead letters not replayed
 * @param oldestWaiting age of the oldest waiting run that is due; zero when none
 */
public record RunQueueStats(long waiting, long running, long dead, Duration oldestWaiting) {
}
