package io.picloud.store.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import io.picloud.api.ScriptAccess;
import io.picloud.api.ScriptOwner;
import io.picloud.api.StoredBinding;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Upgrading a database of schema version 3 (users, scripts, bindings; no owners) to version 4: every script and
 * binding goes to the first owner, scripts stay public, keys keep working.
 */
public class MigrationToSchema4Test {
    private TestDatabase pg;
    private StoreDatabase db;

    @Before
    public void schema3() throws Exception {
        pg = new TestDatabase();
        try (Connection c = pg.dataSource.getConnection()) {
            Migrations.migrate(c, "db/changelog/schema3-only.yaml");
        }
        try (Connection c = pg.dataSource.getConnection()) {
            assertEquals(3, Migrations.databaseSchemaVersion(c));
        }
        pg.execute("INSERT INTO users (name, role) VALUES ('an-admin', 'admin'), ('first', 'owner'), "
                + "('second', 'owner'), ('dev', 'developer')");
        pg.execute("INSERT INTO api_keys (user_id, name, key_hash, prefix) "
                + "SELECT id, 'bootstrap', repeat('a', 64), 'pc_aaaaaaaa' FROM users WHERE name = 'first'");
        pg.execute("BEGIN; INSERT INTO scripts (name, active_version) VALUES ('hello', 1), ('other', 2); "
                + "INSERT INTO script_versions (name, version, hash, source, created_by) VALUES "
                + "('hello', 1, repeat('1', 64), '1', 'first'), ('other', 1, repeat('2', 64), '2', 'dev'), "
                + "('other', 2, repeat('3', 64), '3', 'dev'); COMMIT");
        pg.execute("INSERT INTO trigger_bindings (id, type, script, config) VALUES "
                + "('cron-1', 'cron', 'hello', '{\"schedule\": \"@every 1m\"}'), ('mqtt-1', 'mqtt', 'other', '{}')");
    }

    @After
    public void drop() throws Exception {
        if (db != null) {
            db.stop();
        }
        pg.close();
    }

    @Test
    public void scriptsAndBindingsGoToTheFirstOwner() throws Exception {
        db = pg.store();
        assertEquals(7, db.schemaVersion());
        try (Connection c = pg.dataSource.getConnection()) {
            assertEquals(7, Migrations.databaseSchemaVersion(c));
        }
        JdbcScriptStore scripts = new JdbcScriptStore(db);
        long first = pg.count("SELECT id FROM users WHERE name = 'first'");
        assertEquals(new ScriptOwner("hello", first, "first", ScriptAccess.PUBLIC), scripts.owner("hello").orElseThrow());
        assertEquals(new ScriptOwner("other", first, "first", ScriptAccess.PUBLIC), scripts.owner("other").orElseThrow());
        assertEquals(List.of("first", "first"), scripts.list().stream().map(s -> s.owner()).toList());
        assertEquals(2, scripts.active("other").orElseThrow().version());

        JdbcBindingStore bindings = new JdbcBindingStore(db, pg.dataSource);
        try {
            assertEquals(List.of("first", "first"), bindings.list().stream().map(StoredBinding::owner).toList());
            assertEquals(Map.of("schedule", "@every 1m"), bindings.find("cron-1").orElseThrow().config());
        } finally {
            bindings.deactivate();
        }

        var key = new JdbcApiKeyStore(db).byPrefix("pc_aaaaaaaa").get(0);
        assertEquals("first", key.username());
        assertNull("an old key has its user's role", key.role());
        assertNull(key.expiresAt());
        assertEquals(0, key.scripts().size());

        // a second start applies nothing
        db.stop();
        db = pg.store();
        assertEquals(7, db.schemaVersion());
        assertEquals(1, pg.count("SELECT count(*) FROM databasechangelog WHERE id = '0004-owners'"));
    }

    @Test
    public void withoutAnyOwnerTheScriptsStayUnowned() throws Exception {
        pg.execute("UPDATE users SET role = 'admin' WHERE role = 'owner'");
        db = pg.store();
        assertEquals(0, new JdbcScriptStore(db).owner("hello").orElseThrow().ownerId());
        assertEquals(ScriptAccess.PUBLIC, new JdbcScriptStore(db).owner("hello").orElseThrow().access());
    }
}
