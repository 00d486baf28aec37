package io.picloud.api.control;

import java.util.List;

import io.picloud.api.DeployResult;
import io.picloud.api.InvocationRecord;
import io.picloud.api.ScriptAccess;
import io.picloud.api.ScriptSettings;
import io.picloud.api.ScriptSummary;
import io.picloud.api.ScriptVersion;

/**
 * Scripts as the control plane offers them: every call is authorised for the principal and every change audited.
 * Viewers read; developers change only the scripts they own; admins and owners change every script. Refusals are
 * {@link OperationException}s.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ScriptService {
    List<ScriptSummary> list(Principal p);

    /** The script's summary (owner, access) and active version. */
    ScriptDetail get(Principal p, String name);

    /** Compiles, then stores a new active version. A compile error is UNPROCESSABLE with every error in details. */
    DeployResult deploy(Principal p, String name, String source);

    List<ScriptVersion> versions(Principal p, String name);

    /** One version with its source; NOT_FOUND when the script or that version does not exist. */
    ScriptVersion version(Principal p, String name, int version);

    ScriptVersion rollback(Principal p, String name, int version);

    void delete(Principal p, String name);

    /**
     * Changes the script's access and/or owner (null leaves it). Handing over ({@code ownerName}) is for admins and
     * owners; access may be changed by whoever may change the script.
     */
    ScriptSummary update(Principal p, String name, ScriptAccess access, String ownerName);

    /** The script's host-API settings (kv namespace, outbound host allow-list, config). */
    ScriptSettings settings(Principal p, String name);

    /**
     * Replaces the script's host-API settings, for whoever may change the script. A shared kv namespace may be
     * chosen only when every script already using it has the same owner (admins and owners may choose any).
     * INVALID names the field at fault.
     */
    ScriptSettings updateSettings(Principal p, String name, ScriptSettings settings);

    /** Newest first; {@code name} null: every script's, in arrival order. */
    List<InvocationRecord> invocations(Principal p, String name, int limit, int offset);

    /** A script's summary together with its active version. */
    record ScriptDetail(ScriptSummary summary, ScriptVersion active) {
    }
}
