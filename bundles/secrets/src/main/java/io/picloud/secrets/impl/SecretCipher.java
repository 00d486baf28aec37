package io.picloud.secrets.impl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a random 96-bit nonce per value. The script and secret name are the associated data, so a
 * sealed value copied to another secret does not open there.
 */
final class SecretCipher {
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKey key;
    private final SecureRandom random;

    SecretCipher(SecretKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /** A fresh nonce and the ciphertext of {@code value}. */
    byte[][] seal(String script, String name, String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, script, name);
            return new byte[][] {nonce, c.doFinal(value.getBytes(StandardCharsets.UTF_8))};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The value, or null when this key did not seal it (or it was changed). */
    String open(String script, String name, byte[] nonce, byte[] ciphertext) {
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, nonce, script, name);
            return new String(c.doFinal(ciphertext), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException wrongKeyOrTampered) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String script, String name) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD((script + "/" + name).getBytes(StandardCharsets.UTF_8));
        return c;
    }
}
