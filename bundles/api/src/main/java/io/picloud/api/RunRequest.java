package io.picloud.api;

import java.time.Instant;
import java.util.Map;

/**
 * A run to queue: an async call of a script or a trigger firing.
 *
 * @param trigger        what fired it: {@code async} (REST), {@code http} ({@code /fn} with
 *                       {@code Prefer: respond-async}), {@code cron}, {@code mqtt}, {@code event} ...
 * @param source         the event's source (path, topic, binding ...); may be null
 * @param bindingId      the trigger binding that fired it, null when none
 * @param payload        the map the script sees: as {@code request} for request triggers (see the dispatcher), as
 *                       {@code event} otherwise; JSON-mappable values only
 * @param idempotencyKey the caller's key (at most 255 characters): the same key for the same script within 24 h
 *                       gives the same run; null when none
 * @param submittedBy    the user id of who submitted it through the API, null for triggers and anonymous calls
 * @param time           when the event happened
 */
public record RunRequest(String script, String trigger, String source, String bindingId, Map<String, Object> payload,
                         String idempotencyKey, String submittedBy, Instant time) {
}
