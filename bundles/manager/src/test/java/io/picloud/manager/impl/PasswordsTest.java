package io.picloud.manager.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Base64;

import io.picloud.api.control.OperationException;
import org.junit.Test;

/** {@link Passwords}: Argon2id in PHC format at OWASP's parameters, and the password policy. */
public class PasswordsTest {
    private static final String GOOD = "violet kettle 48 orbit";

    @Test
    public void hashAndVerifyRoundTrip() {
        String hash = Passwords.hash(GOOD);
        assertTrue(Passwords.verify(GOOD, hash));
        assertFalse(Passwords.verify(GOOD + "!", hash));
        assertFalse(Passwords.verify("", hash));
        assertFalse(Passwords.verify(null, hash));
        assertNotEquals("a random salt each time", hash, Passwords.hash(GOOD));
        assertTrue(Passwords.verify(GOOD, Passwords.hash(GOOD)));
    }

    @Test
    public void theHashIsAPhcStringWithOwaspParameters() {
        String hash = Passwords.hash(GOOD);
        assertTrue(hash, hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
        String[] parts = hash.split("\\$");
        assertEquals(6, parts.length);
        assertEquals(16, Base64.getDecoder().decode(parts[4]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[5]).length);
        assertFalse("no padding", parts[4].contains("=") || parts[5].contains("="));
    }

    @Test
    public void aHashWithOtherParametersStillVerifies() {
        // the parameters are read from the stored string, so they can be raised later
        String hash = Passwords.hash(GOOD);
        String salt = hash.split("\\$")[4];
        String weaker = "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + hash.split("\\$")[5];
        assertFalse("another cost gives another hash", Passwords.verify(GOOD, weaker));
    }

    @Test
    public void missingOrMalformedHashesNeverMatch() {
        assertFalse(Passwords.verify(GOOD, null));
        assertFalse(Passwords.verify(GOOD, "plain"));
        assertFalse(Passwords.verify(GOOD, "$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA"));
        assertFalse(Passwords.verify(GOOD, "$argon2id$v=19$m=x,t=2,p=1$AAAA$AAAA"));
        assertFalse(Passwords.verify("not a password of anyone", null));
    }

    @Test
    public void aShortPasswordIsRefusedNamingTheField() {
        OperationException e = refused("nine-char", null);
        assertEquals("invalid_password", e.code());
        assertEquals("password", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("10"));
        Passwords.check("ten-chars!", null, "password");
        assertEquals("invalid_password", refused("x".repeat(Passwords.MAX_LENGTH + 1), null).code());
    }

    @Test
    public void commonOrEasyPasswordsAreRefused() {
        for (String weak : new String[] {"1234567890", "qwertyuiop", "Password123", "aaaaaaaaaaaa", "abababababab"}) {
            OperationException e = refused(weak, null);
            assertEquals(weak, "weak_password", e.code());
            assertEquals("password", e.field());
            assertEquals(OperationException.Kind.INVALID, e.kind());
        }
        assertEquals("weak_password", refused("alice-secret-2026", "alice").code());
        Passwords.check(GOOD, "alice", "password");
    }

    private static OperationException refused(String password, String username) {
        try {
            Passwords.check(password, username, "password");
        } catch (OperationException e) {
            return e;
        }
        fail("accepted: " + password);
        return null;
    }
}
