package io.picloud.api;

import java.util.List;
import java.util.Optional;

/**
 * Script secrets in plain text for those who may have them: the control plane writes them, the {@code secret()}
 * host function reads them. Encrypts with the cluster's master key before anything reaches the {@link SecretStore}.
 */
@org.osgi.annotation.versioning.ProviderType
public interface SecretVault {
    /** Stores {@code value} encrypted; false when no such script. */
    boolean put(String script, String name, String value);

    /** The plain value; empty when unset. */
    Optional<String> reveal(String script, String name);

    List<SecretStore.SecretInfo> list(String script);

    boolean delete(String script, String name);
}
