package io.picloud.manager.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import io.picloud.api.ApiKeyInfo;
import io.picloud.api.ApiPrincipal;
import io.picloud.api.Role;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** API keys against the real PostgreSQL. */
public class JdbcApiKeyServiceTest {
    private static final String BOOTSTRAP = "keys-test-bootstrap-token-0123456789";
    private static TestDatabase pg;
    private static ManagerDatabase db;
    private static JdbcApiKeyService keys;

    @BeforeClass
    public static void createDatabase() throws Exception {
        pg = new TestDatabase();
        db = pg.manager(BOOTSTRAP, null);
        keys = new JdbcApiKeyService(db);
        pg.execute("INSERT INTO users (name, role) VALUES ('vera', 'viewer')");
        pg.execute("INSERT INTO users (name, role, active) VALUES ('gone', 'admin', FALSE)");
    }

    @AfterClass
    public static void dropDatabase() throws Exception {
        db.stop();
        pg.close();
    }

    @Test
    public void theBootstrapTokenIsTheOwnersKey() {
        ApiPrincipal p = keys.authenticate(BOOTSTRAP).orElseThrow();
        assertEquals(Role.OWNER, p.role());
        assertEquals("owner", p.userName());
        assertTrue(keys.authenticate(BOOTSTRAP + "x").isEmpty());
        assertTrue(keys.authenticate(BOOTSTRAP.substring(0, 20)).isEmpty());
        assertTrue(keys.authenticate("").isEmpty());
        assertTrue(keys.authenticate(null).isEmpty());
    }

    @Test
    public void createdKeysWorkUntilRevoked() {
        String key = keys.createKey("vera", "laptop");
        assertTrue(key.startsWith("pc_"));
        ApiPrincipal p = keys.authenticate(key).orElseThrow();
        assertEquals("vera", p.userName());
        assertEquals(Role.VIEWER, p.role());

        ApiKeyInfo info = keys.listKeys().stream().filter(k -> k.id() == p.keyId()).findFirst().orElseThrow();
        assertEquals("laptop", info.name());
        assertTrue(key.startsWith(info.prefix()));
        assertNotEquals(key, info.prefix());
        assertFalse(info.revoked());
        assertTrue("last use recorded", info.lastUsedAt() != null);

        assertTrue(keys.revokeKey(p.keyId()));
        assertTrue(keys.authenticate(key).isEmpty());
        assertFalse(keys.revokeKey(999_999));
    }

    @Test
    public void keysOfInactiveOrUnknownUsersCannotBeCreated() {
        for (String user : List.of("gone", "nobody")) {
            try {
                keys.createKey(user, "k");
                fail("key for " + user);
            } catch (IllegalArgumentException expected) {
                // expected
            }
        }
    }

    @Test
    public void twoKeysOfOneUserAreDistinct() {
        String a = keys.createKey("owner", "a");
        String b = keys.createKey("owner", "b");
        assertNotEquals(a, b);
        assertEquals(keys.authenticate(a).orElseThrow().userId(), keys.authenticate(b).orElseThrow().userId());
    }
}
