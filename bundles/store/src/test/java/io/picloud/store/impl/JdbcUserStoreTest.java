package io.picloud.store.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;

import io.picloud.api.Role;
import io.picloud.api.User;
import io.picloud.api.control.OperationException;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@link JdbcUserStore} on the real PostgreSQL: uniqueness, the last active owner, sessions of the deactivated. */
public class JdbcUserStoreTest {
    private static TestDatabase pg;
    private static StoreDatabase db;
    private static JdbcUserStore users;
    private static JdbcSessionStore sessions;

    @BeforeClass
    public static void createDatabase() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
        users = new JdbcUserStore(db);
        sessions = new JdbcSessionStore(db);
    }

    @AfterClass
    public static void dropDatabase() throws Exception {
        db.stop();
        pg.close();
    }

    @Before
    public void noUsers() throws Exception {
        pg.execute("DELETE FROM scripts");
        pg.execute("DELETE FROM users");
    }

    @Test
    public void createsFindsAndListsUsers() {
        User alice = users.create("alice", "$argon2id$hash", Role.DEVELOPER);
        assertEquals("alice", alice.username());
        assertEquals(Role.DEVELOPER, alice.role());
        assertTrue(alice.active());
        assertTrue(alice.hasPassword());
        User bob = users.create("bob", null, Role.VIEWER);
        assertFalse(bob.hasPassword());

        assertEquals(alice, users.find(alice.id()).orElseThrow());
        assertEquals(bob, users.findByName("bob").orElseThrow());
        assertTrue(users.findByName("carol").isEmpty());
        assertEquals(List.of("alice", "bob"), users.list().stream().map(User::username).toList());
        assertEquals("$argon2id$hash", users.passwordHash("alice").orElseThrow());
        assertTrue("no password", users.passwordHash("bob").isEmpty());
    }

    @Test
    public void aDuplicateUsernameIsAConflictNamingTheField() {
        users.create("alice", null, Role.DEVELOPER);
        try {
            users.create("alice", null, Role.VIEWER);
            fail("duplicate");
        } catch (OperationException e) {
            assertEquals(OperationException.Kind.CONFLICT, e.kind());
            assertEquals("username", e.field());
            assertEquals("duplicate_username", e.code());
        }
        User bob = users.create("bob", null, Role.VIEWER);
        try {
            users.update(bob.id(), null, null, null, "alice");
            fail("rename to a taken name");
        } catch (OperationException e) {
            assertEquals(OperationException.Kind.CONFLICT, e.kind());
            assertEquals("username", e.field());
        }
        assertEquals(1, users.list().stream().filter(u -> u.username().equals("alice")).count());
    }

    @Test
    public void theLastActiveOwnerCannotBeDemotedDeactivatedOrDeleted() {
        User owner = users.create("root", null, Role.OWNER);
        assertLastOwner(() -> users.update(owner.id(), Role.ADMIN, null, null, null));
        assertLastOwner(() -> users.update(owner.id(), null, false, null, null));
        assertLastOwner(() -> users.delete(owner.id()));
        User kept = users.find(owner.id()).orElseThrow();
        assertEquals(Role.OWNER, kept.role());
        assertTrue(kept.active());

        // with a second owner, one of them may go
        User second = users.create("second", null, Role.OWNER);
        assertEquals(List.of("root", "second"), users.activeOwners());
        assertEquals(Role.ADMIN, users.update(owner.id(), Role.ADMIN, null, null, null).orElseThrow().role());
        assertEquals(List.of("second"), users.activeOwners());
        assertLastOwner(() -> users.update(second.id(), null, false, null, null));
        assertTrue(users.delete(owner.id()));
        assertFalse(users.delete(owner.id()));
        assertTrue(users.update(424242, Role.VIEWER, null, null, null).isEmpty());
    }

    @Test
    public void withoutAnyOwnerOtherUsersCanStillBeChanged() {
        User admin = users.create("admin", null, Role.ADMIN);
        User dev = users.create("dev", null, Role.DEVELOPER);
        assertFalse(users.update(dev.id(), null, false, null, null).orElseThrow().active());
        assertTrue(users.delete(dev.id()));
        assertEquals(Role.OWNER, users.update(admin.id(), Role.OWNER, null, null, null).orElseThrow().role());
        assertLastOwner(() -> users.update(admin.id(), Role.ADMIN, null, null, null));
    }

    @Test
    public void deactivationEndsTheUsersSessions() throws Exception {
        users.create("root", null, Role.OWNER);
        User dev = users.create("dev", "h", Role.DEVELOPER);
        sessions.create(dev.id(), "a".repeat(64));
        sessions.create(dev.id(), "b".repeat(64));
        assertEquals(2, count("SELECT count(*) FROM sessions"));
        User after = users.update(dev.id(), null, false, null, null).orElseThrow();
        assertFalse(after.active());
        assertEquals(0, count("SELECT count(*) FROM sessions"));
        assertTrue("an inactive user has no password to log in with", users.passwordHash("dev").isEmpty());
        assertTrue(sessions.find("a".repeat(64), Duration.ofHours(1), Duration.ofHours(1)).isEmpty());
    }

    @Test
    public void aUserWhoOwnsScriptsIsCounted() throws Exception {
        User dev = users.create("dev", null, Role.DEVELOPER);
        new JdbcScriptStore(db).deploy("mine", "1", dev.id(), "dev", false);
        assertEquals(1, users.ownedScripts(dev.id()));
        assertEquals(0, users.ownedScripts(dev.id() + 1000));
    }

    @Test
    public void theFirstOwnerIsCreatedOnlyOnAnEmptyTableWithItsKey() throws Exception {
        User owner = users.createFirstOwner("owner", "bootstrap", "c".repeat(64), "pc_abcdefgh").orElseThrow();
        assertEquals(Role.OWNER, owner.role());
        assertFalse(owner.hasPassword());
        assertEquals(1, count("SELECT count(*) FROM api_keys WHERE user_id = " + owner.id()
                + " AND key_hash = '" + "c".repeat(64) + "' AND prefix = 'pc_abcdefgh' AND name = 'bootstrap'"));
        assertTrue(users.createFirstOwner("owner2", "bootstrap", "d".repeat(64), "pc_other").isEmpty());
        assertEquals(1, count("SELECT count(*) FROM users"));
        assertEquals(1, count("SELECT count(*) FROM api_keys"));
    }

    private static void assertLastOwner(Runnable change) {
        try {
            change.run();
            fail("the last owner was removed");
        } catch (OperationException e) {
            assertEquals(OperationException.Kind.CONFLICT, e.kind());
            assertEquals("last_owner", e.code());
        }
    }

    private static long count(String sql) throws Exception {
        return pg.count(sql);
    }
}
