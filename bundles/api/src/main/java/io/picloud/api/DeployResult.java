package io.picloud.api;

/**
 * Outcome of a deploy.
 *
 * @param created true when the script did not exist before (HTTP 201), false for a new version (200)
 */
public record DeployResult(ScriptVersion version, boolean created) {
}
