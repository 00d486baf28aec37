package io.picloud.api.control;

import java.util.List;

import io.picloud.api.SecretStore;

/**
 * A script's secrets as the control plane offers them: write-only values. Whoever may change the script sets,
 * replaces and deletes them; whoever may read the script sees their names and update times, never a value.
 * Names are {@code [A-Z0-9_]{1,64}}; refusals are {@link OperationException}s.
 */
@org.osgi.annotation.versioning.ProviderType
public interface SecretService {
    List<SecretStore.SecretInfo> list(Principal p, String script);

    /** True when the secret was new. */
    boolean put(Principal p, String script, String name, String value);

    void delete(Principal p, String script, String name);
}
