package io.picloud.secrets.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.picloud.api.SecretStore;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AesGcmSecretVaultTest {
    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    /** The database as far as the vault sees it: sealed rows by "script/name". */
    static final class MemoryStore implements SecretStore {
        final Map<String, Sealed> rows = new TreeMap<>();

        @Override public boolean put(String script, String name, byte[] nonce, byte[] ciphertext) {
            rows.put(script + "/" + name, new Sealed(script, name, nonce, ciphertext, Instant.now()));
            return true;
        }
        @Override public Optional<Sealed> get(String script, String name) {
            return Optional.ofNullable(rows.get(script + "/" + name));
        }
        @Override public List<SecretInfo> list(String script) {
            List<SecretInfo> out = new ArrayList<>();
            rows.values().stream().filter(s -> s.script().equals(script))
                    .forEach(s -> out.add(new SecretInfo(s.name(), s.updatedAt())));
            return out;
        }
        @Override public boolean delete(String script, String name) {
            return rows.remove(script + "/" + name) != null;
        }
        @Override public List<Sealed> all() {
            return new ArrayList<>(rows.values());
        }
    }

    private static SecretKey key(int seed) {
        byte[] raw = new byte[32];
        raw[0] = (byte) seed;
        return new SecretKeySpec(raw, "AES");
    }

    @Test
    public void aValueIsStoredSealedAndOpensAgain() {
        MemoryStore store = new MemoryStore();
        AesGcmSecretVault vault = new AesGcmSecretVault(store, key(1), null, new SecureRandom());
        assertTrue(vault.put("pay", "STRIPE_KEY", "sk_live_123"));
        SecretStore.Sealed row = store.rows.get("pay/STRIPE_KEY");
        assertFalse("never in plain text", new String(row.ciphertext(), StandardCharsets.UTF_8).contains("sk_live"));
        assertEquals(12, row.nonce().length);
        assertEquals(Optional.of("sk_live_123"), vault.reveal("pay", "STRIPE_KEY"));
        assertEquals(Optional.empty(), vault.reveal("pay", "OTHER"));
    }

    @Test
    public void everySealHasItsOwnNonce() {
        MemoryStore store = new MemoryStore();
        AesGcmSecretVault vault = new AesGcmSecretVault(store, key(1), null, new SecureRandom());
        vault.put("a", "K", "same");
        byte[] first = store.rows.get("a/K").nonce();
        vault.put("a", "K", "same");
        assertNotEquals(Base64.getEncoder().encodeToString(first),
                Base64.getEncoder().encodeToString(store.rows.get("a/K").nonce()));
    }

    @Test
    public void aSealedValueMovedToAnotherSecretOrAnotherKeyDoesNotOpen() {
        MemoryStore store = new MemoryStore();
        AesGcmSecretVault vault = new AesGcmSecretVault(store, key(1), null, new SecureRandom());
        vault.put("a", "K", "v");
        SecretStore.Sealed row = store.rows.get("a/K");
        store.rows.put("b/K", new SecretStore.Sealed("b", "K", row.nonce(), row.ciphertext(), row.updatedAt()));
        try {
            vault.reveal("b", "K");
            fail("opened under another script's name");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("same PICLOUD_MASTER_KEY"));
        }
        AesGcmSecretVault otherNode = new AesGcmSecretVault(store, key(2), null, new SecureRandom());
        try {
            otherNode.reveal("a", "K");
            fail("opened with another key");
        } catch (IllegalStateException expected) {
            // a node with another master key says so instead of answering garbage
        }
    }

    @Test
    public void rotationSealsOldValuesAgainUnderTheNewKey() {
        MemoryStore store = new MemoryStore();
        new AesGcmSecretVault(store, key(1), null, new SecureRandom()).put("a", "K", "v");
        AesGcmSecretVault rotated = new AesGcmSecretVault(store, key(2), key(1), new SecureRandom());
        assertEquals(Optional.of("v"), rotated.reveal("a", "K"));
        assertEquals(1, rotated.reseal());
        assertEquals(0, rotated.reseal());
        assertEquals(Optional.of("v"), new AesGcmSecretVault(store, key(2), null, new SecureRandom()).reveal("a", "K"));
    }

    @Test
    public void theKeyFileIsGeneratedOnceReadableByItsOwnerOnly() throws Exception {
        Path file = dir.getRoot().toPath().resolve("secrets/master.key");
        SecretKey first = MasterKey.fromFile(file, new SecureRandom());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, first.getEncoded().length);
        assertEquals(Base64.getEncoder().encodeToString(first.getEncoded()),
                Base64.getEncoder().encodeToString(MasterKey.fromFile(file, new SecureRandom()).getEncoded()));
    }

    @Test
    public void aMalformedKeyIsRefusedNamingItsSource() {
        try {
            MasterKey.parse("c2hvcnQ=", "PICLOUD_MASTER_KEY");
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("PICLOUD_MASTER_KEY must be 32 bytes"));
        }
    }
}
