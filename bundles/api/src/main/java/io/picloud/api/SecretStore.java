package io.picloud.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Script secrets as the database keeps them: encrypted by the nodes ({@link SecretVault}), never in plain text.
 * Deleting a script deletes its secrets. Methods throw {@link StoreUnavailableException} during an outage.
 */
@org.osgi.annotation.versioning.ProviderType
public interface SecretStore {
    /** Creates or replaces one secret; false when no such script. */
    boolean put(String script, String name, byte[] nonce, byte[] ciphertext);

    Optional<Sealed> get(String script, String name);

    /** Names and update times, by name; never values. */
    List<SecretInfo> list(String script);

    boolean delete(String script, String name);

    /** Every sealed secret of every script, for re-encryption under a new master key. */
    List<Sealed> all();

    /** One encrypted secret. */
    record Sealed(String script, String name, byte[] nonce, byte[] ciphertext, Instant updatedAt) {
    }

    /** What may be shown of a secret. */
    record SecretInfo(String name, Instant updatedAt) {
    }
}
