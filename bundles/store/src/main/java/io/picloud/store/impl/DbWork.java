package io.picloud.store.impl;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs a unit of work on PiCloud's database, alone or in one transaction, and turns SQL failures into the
 * stores' exceptions ({@link StoreDatabase#failed}). Shared by the JDBC stores.
 */
final class DbWork {
    /** One unit of work on a connection the caller does not close. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private DbWork() {
    }

    static <T> T query(StoreDatabase db, String what, Work<T> work) {
        try (Connection c = db.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw db.failed(e, what);
        }
    }

    static <T> T inTransaction(StoreDatabase db, String what, Work<T> work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the pool discards a broken connection
                }
            }
        } catch (SQLException e) {
            throw db.failed(e, what);
        }
    }
}
