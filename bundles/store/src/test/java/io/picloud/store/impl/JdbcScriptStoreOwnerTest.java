package io.picloud.store.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;

import io.picloud.api.DeployResult;
import io.picloud.api.Role;
import io.picloud.api.ScriptAccess;
import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptSummary;
import io.picloud.api.User;
import io.picloud.api.control.OperationException;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** The script store's owners and access settings (schema 4) against the real PostgreSQL. */
public class JdbcScriptStoreOwnerTest {
    private static TestDatabase pg;
    private static StoreDatabase db;
    private static JdbcUserStore users;
    private JdbcScriptStore store;
    private final List<String> changes = new ArrayList<>();
    private User alice;
    private User bob;

    @BeforeClass
    public static void createDatabase() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
        users = new JdbcUserStore(db);
    }

    @AfterClass
    public static void dropDatabase() throws Exception {
        db.stop();
        pg.close();
    }

    @Before
    public void twoDevelopers() throws Exception {
        pg.execute("DELETE FROM scripts");
        pg.execute("DELETE FROM users");
        alice = users.create("alice", null, Role.DEVELOPER);
        bob = users.create("bob", null, Role.DEVELOPER);
        store = new JdbcScriptStore(db);
        store.addListener(changes::add);
    }

    @Test
    public void aNewScriptBelongsToItsDeployerWithPublicAccess() {
        DeployResult r = store.deploy("hello", "1", alice.id(), "alice", false);
        assertTrue(r.created());
        ScriptOwner o = store.owner("hello").orElseThrow();
        assertEquals(new ScriptOwner("hello", alice.id(), "alice", ScriptAccess.PUBLIC), o);
        ScriptSummary s = store.list().get(0);
        assertEquals("alice", s.owner());
        assertEquals(ScriptAccess.PUBLIC, s.access());

        DeployResult second = store.deploy("hello", "2", alice.id(), "alice", false);
        assertFalse(second.created());
        assertEquals(2, second.version().version());
        assertEquals(alice.id(), store.owner("hello").orElseThrow().ownerId());
        assertTrue(store.owner("nothing").isEmpty());
        assertTrue(store.owner("Not A Name").isEmpty());
        ScriptSummary one = store.summary("hello").orElseThrow();
        assertEquals(2, one.activeVersion());
        assertEquals("alice", one.owner());
        assertTrue(store.summary("nothing").isEmpty());
    }

    @Test
    public void someoneElsesScriptIsRefusedNamingTheOwnerAndNothingIsWritten() {
        store.deploy("hello", "1", alice.id(), "alice", false);
        changes.clear();
        try {
            store.deploy("hello", "2", bob.id(), "bob", false);
            fail("bob replaced alice's script");
        } catch (OperationException e) {
            assertEquals(OperationException.Kind.FORBIDDEN, e.kind());
            assertTrue(e.getMessage(), e.getMessage().contains("alice"));
        }
        assertEquals(1, store.versions("hello").size());
        assertEquals("1", store.active("hello").orElseThrow().source());
        assertEquals(List.of(), changes);

        // an admin's deploy (mayReplaceOthers) adds a version and keeps the owner
        DeployResult admin = store.deploy("hello", "3", bob.id(), "bob", true);
        assertEquals(2, admin.version().version());
        assertEquals("alice", store.owner("hello").orElseThrow().ownerName());
    }

    @Test
    public void aScriptWithoutOwnerIsRefusedToAPlainDeployer() {
        store.deploy("legacy", "1");
        assertEquals(0, store.owner("legacy").orElseThrow().ownerId());
        assertNull(store.owner("legacy").orElseThrow().ownerName());
        try {
            store.deploy("legacy", "2", bob.id(), "bob", false);
            fail("an unowned script was taken");
        } catch (OperationException e) {
            assertEquals(OperationException.Kind.FORBIDDEN, e.kind());
            assertTrue(e.getMessage(), e.getMessage().contains("another user"));
        }
    }

    @Test
    public void updatesOwnerAndAccessSeparately() {
        store.deploy("hello", "1", alice.id(), "alice", false);
        changes.clear();
        assertTrue(store.updateSettings("hello", null, ScriptAccess.KEY));
        assertEquals(new ScriptOwner("hello", alice.id(), "alice", ScriptAccess.KEY), store.owner("hello").orElseThrow());
        assertTrue(store.updateSettings("hello", bob.id(), null));
        assertEquals(new ScriptOwner("hello", bob.id(), "bob", ScriptAccess.KEY), store.owner("hello").orElseThrow());
        assertEquals("bob", store.list().get(0).owner());
        assertEquals(ScriptAccess.KEY, store.list().get(0).access());
        assertEquals("listeners hear of the change (endpoint access caches)", List.of("hello", "hello"), changes);

        assertFalse(store.updateSettings("nothing", bob.id(), ScriptAccess.PUBLIC));
        assertFalse(store.updateSettings("Not A Name", null, ScriptAccess.PUBLIC));
        // bob may now deploy it, alice may not
        store.deploy("hello", "2", bob.id(), "bob", false);
        try {
            store.deploy("hello", "3", alice.id(), "alice", false);
            fail("alice still owns it");
        } catch (OperationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("bob"));
        }
    }
}
