package io.picloud.manager.impl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import io.picloud.api.UserStore;
import io.picloud.store.impl.JdbcUserStore;
import io.picloud.store.impl.StoreDatabase;

/**
 * The store's throwaway test database, with one store component shared by the manager's components under test
 * (the store migrates the schema) and a started {@link ManagerDatabase} on demand. Public for the REST tests.
 */
public final class TestDatabase extends io.picloud.store.impl.TestDatabase {
    private StoreDatabase store;

    public TestDatabase() throws SQLException {
    }

    /** The store bundle's database component on this database, started once and shared. */
    @Override
    public synchronized StoreDatabase store() throws InterruptedException {
        if (store == null) {
            store = super.store();
        }
        return store;
    }

    /** A started {@link ManagerDatabase} on this database, waited for until the owner is bootstrapped. */
    ManagerDatabase manager(String bootstrapToken, Path dataDir) throws InterruptedException {
        return manager(new JdbcUserStore(store()), bootstrapToken, dataDir);
    }

    ManagerDatabase manager(UserStore users, String bootstrapToken, Path dataDir) throws InterruptedException {
        ManagerDatabase db = new ManagerDatabase(dataSource, store(), users, bootstrapToken, dataDir);
        db.start();
        awaitReady(db);
        return db;
    }

    static void awaitReady(ManagerDatabase db) throws InterruptedException {
        for (int i = 0; i < 600 && !db.ready(); i++) {
            Thread.sleep(100);
        }
        if (!db.ready()) {
            throw new AssertionError("database not ready: " + db.problem().orElse("?"));
        }
    }

    static Path tempDir() throws java.io.IOException {
        return Files.createTempDirectory("picloud-manager-test");
    }

    @Override
    public void close() throws SQLException {
        if (store != null) {
            store.stop();
        }
        super.close();
    }
}
