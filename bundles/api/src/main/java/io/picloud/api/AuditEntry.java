package io.picloud.api;

import java.time.Instant;

/**
 * One control-plane change in the audit log.
 *
 * @param actor   the user's name, {@code shell:<user>} for the shell, or the username tried for a failed login
 * @param keyId   the API key used, 0 for none
 * @param action  e.g. {@code script.deploy}, {@code user.create}, {@code session.login}
 * @param target  what it acted on, e.g. the script's name or {@code user:7}
 * @param outcome {@code ok}, {@code denied} or {@code failed}
 */
public record AuditEntry(long id, Instant time, String actor, long keyId, String action, String target,
                         String address, String outcome, String detail) {
}
