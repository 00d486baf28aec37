package io.picloud.store.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.picloud.api.ScriptSettings;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** A script's host-API settings (schema 5) against the real PostgreSQL. */
public class JdbcScriptSettingsTest {
    private static TestDatabase pg;
    private static StoreDatabase db;
    private JdbcScriptStore store;
    private final List<String> changes = new ArrayList<>();

    @BeforeClass
    public static void createDatabase() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
    }

    @AfterClass
    public static void dropDatabase() throws Exception {
        db.stop();
        pg.close();
    }

    @Before
    public void emptyStore() throws Exception {
        pg.execute("DELETE FROM scripts");
        store = new JdbcScriptStore(db);
        store.addListener(changes::add);
    }

    @Test
    public void aNewScriptHasTheDefaultSettings() {
        store.deploy("a", "1");
        ScriptSettings s = store.settings("a").orElseThrow();
        assertNull(s.kvNamespace());
        assertNull(s.allowHosts());
        assertEquals(Map.of(), s.config());
        assertEquals(s, store.active("a").orElseThrow().settings());
    }

    @Test
    public void settingsAreStoredAndTheActiveVersionCarriesThem() {
        store.deploy("a", "1");
        changes.clear();
        ScriptSettings wanted = new ScriptSettings("shared", List.of("api.example.com", "*.example.org"),
                Map.of("n", 1L, "f", 1.0, "s", "x", "nested", Map.of("list", List.of(true))));
        assertTrue(store.updateSettings("a", wanted));
        assertEquals(List.of("a"), changes);
        assertEquals(wanted, store.settings("a").orElseThrow());
        assertEquals(wanted, store.active("a").orElseThrow().settings());
        assertEquals("an INT stays INT and a FLOAT stays FLOAT", Double.class,
                store.settings("a").orElseThrow().config().get("f").getClass());
    }

    @Test
    public void scriptsUsingANamespaceAreTheOwnOneAndTheSharers() {
        store.deploy("a", "1");
        store.deploy("b", "1");
        store.deploy("c", "1");
        store.updateSettings("b", ScriptSettings.DEFAULT.withKvNamespace("a"));
        assertEquals(List.of("a", "b"), store.scriptsUsingNamespace("a"));
        assertEquals(List.of("c"), store.scriptsUsingNamespace("c"));
        assertEquals(List.of(), store.scriptsUsingNamespace("nobody"));
    }

    @Test
    public void anUnknownScriptHasNoSettings() {
        assertFalse(store.updateSettings("ghost", ScriptSettings.DEFAULT));
        assertTrue(store.settings("ghost").isEmpty());
    }
}
