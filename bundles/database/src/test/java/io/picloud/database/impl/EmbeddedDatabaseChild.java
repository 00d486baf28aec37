package io.picloud.database.impl;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A JVM of its own for {@link EmbeddedDatabaseLifecycleTest}: starts the embedded PostgreSQL on {@code args[0]}
 * (data) and {@code args[1]} (binaries), writes a row, prints {@code ready <postmaster pid>} and waits to be killed.
 */
public final class EmbeddedDatabaseChild {
    private EmbeddedDatabaseChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]), Path.of(args[1]), 0);
        try (Connection c = db.connect(EmbeddedDatabase.DATABASE); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS kept (v text)");
            s.execute("INSERT INTO kept VALUES ('written before the kill')");
        }
        System.out.println("ready " + db.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
