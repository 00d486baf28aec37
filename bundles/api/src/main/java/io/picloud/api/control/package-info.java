/**
 * The control plane's one home for every operation: scripts, trigger bindings, queued runs, users, API keys,
 * sessions and the audit log. REST, shell and dashboard are thin adapters over these services; each service
 * validates, authorises (from the {@link io.picloud.api.control.Principal}), audits and masks secrets itself.
 */
@org.osgi.annotation.versioning.Version("0.4.0")
package io.picloud.api.control;
