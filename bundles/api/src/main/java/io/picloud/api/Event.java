package io.picloud.api;

import java.time.Instant;
import java.util.Map;

/**
 * Something that should run a script: an HTTP request, a cron tick, an MQTT message.
 *
 * @param type       trigger type id ({@code http}, {@code cron}, {@code mqtt} ...)
 * @param script     the script to run
 * @param payload    the map the script sees ({@code request} for HTTP, {@code event} otherwise)
 */
public record Event(String type, String source, String script, Map<String, Object> payload, Instant time) {
}
