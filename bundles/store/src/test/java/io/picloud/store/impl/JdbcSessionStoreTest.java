package io.picloud.store.impl;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;

import io.picloud.api.Role;
import io.picloud.api.StoredSession;
import io.picloud.api.User;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@link JdbcSessionStore} on the real PostgreSQL: expiry, inactive users, the failed-login window, purging. */
public class JdbcSessionStoreTest {
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration ABSOLUTE = Duration.ofHours(8);
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    private static TestDatabase pg;
    private static StoreDatabase db;
    private static JdbcSessionStore sessions;
    private static JdbcUserStore users;
    private User dev;

    @BeforeClass
    public static void createDatabase() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
        sessions = new JdbcSessionStore(db);
        users = new JdbcUserStore(db);
    }

    @AfterClass
    public static void dropDatabase() throws Exception {
        db.stop();
        pg.close();
    }

    @Before
    public void oneUser() throws Exception {
        pg.execute("DELETE FROM users");
        pg.execute("DELETE FROM login_failures");
        dev = users.create("dev", null, Role.DEVELOPER);
    }

    @Test
    public void findsALiveSessionAndDeletesIt() {
        sessions.create(dev.id(), A);
        StoredSession s = sessions.find(A, IDLE, ABSOLUTE).orElseThrow();
        assertEquals(dev.id(), s.userId());
        assertEquals("dev", s.username());
        assertEquals(Role.DEVELOPER, s.role());
        assertTrue(sessions.find(B, IDLE, ABSOLUTE).isEmpty());
        assertTrue(sessions.delete(A));
        assertFalse(sessions.delete(A));
        assertTrue(sessions.find(A, IDLE, ABSOLUTE).isEmpty());
    }

    @Test
    public void anIdleSessionHasEndedAndAUsedOneIsRefreshed() throws Exception {
        sessions.create(dev.id(), A);
        sessions.create(dev.id(), B);
        pg.execute("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = '" + A + "'");
        pg.execute("UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE token_hash = '" + B + "'");
        assertTrue("idle too long", sessions.find(A, IDLE, ABSOLUTE).isEmpty());
        assertTrue(sessions.find(B, IDLE, ABSOLUTE).isPresent());
        assertEquals("the use refreshed last_seen_at", 1, pg.count("SELECT count(*) FROM sessions WHERE token_hash = '"
                + B + "' AND last_seen_at > now() - interval '1 minute'"));
    }

    @Test
    public void aSessionEndsAtItsAbsoluteExpiryEvenWhenUsed() throws Exception {
        sessions.create(dev.id(), A);
        pg.execute("UPDATE sessions SET created_at = now() - interval '8 hours 1 minute'");
        assertTrue(sessions.find(A, IDLE, ABSOLUTE).isEmpty());
        assertTrue(sessions.find(A, IDLE, Duration.ofHours(9)).isPresent());
    }

    @Test
    public void anInactiveUsersSessionIsRefused() throws Exception {
        sessions.create(dev.id(), A);
        pg.execute("UPDATE users SET active = FALSE WHERE id = " + dev.id());
        assertTrue(sessions.find(A, IDLE, ABSOLUTE).isEmpty());
    }

    @Test
    public void endsAllSessionsOfAUser() throws Exception {
        User other = users.create("other", null, Role.VIEWER);
        sessions.create(dev.id(), A);
        sessions.create(other.id(), B);
        sessions.deleteForUser(dev.id());
        assertTrue(sessions.find(A, IDLE, ABSOLUTE).isEmpty());
        assertTrue(sessions.find(B, IDLE, ABSOLUTE).isPresent());
    }

    @Test
    public void countsFailedLoginsPerUsernameAndPerAddressInTheWindow() throws Exception {
        Instant since = Instant.now().minus(Duration.ofMinutes(15));
        sessions.recordFailedLogin("dev", "10.0.0.1");
        sessions.recordFailedLogin("dev", "10.0.0.2");
        sessions.recordFailedLogin("eve", "10.0.0.1");
        sessions.recordFailedLogin("mallory", "10.0.0.1");
        assertArrayEquals(new long[] {2, 3}, sessions.failedLogins("dev", "10.0.0.1", since));
        assertArrayEquals(new long[] {2, 1}, sessions.failedLogins("dev", "10.0.0.2", since));
        assertArrayEquals(new long[] {0, 0}, sessions.failedLogins("nobody", "10.9.9.9", since));

        pg.execute("UPDATE login_failures SET failed_at = now() - interval '20 minutes' WHERE username = 'mallory'");
        assertArrayEquals("an old failure is outside the window", new long[] {2, 2},
                sessions.failedLogins("dev", "10.0.0.1", since));
        Instant oldest = sessions.oldestFailure("dev", "10.0.0.1", since).orElseThrow();
        assertTrue(oldest.isAfter(since));
        assertTrue(sessions.oldestFailure("nobody", "10.9.9.9", since).isEmpty());

        // long names and addresses are cut to the columns' size rather than failing
        sessions.recordFailedLogin("x".repeat(300), "y".repeat(300));
        assertArrayEquals(new long[] {1, 1}, sessions.failedLogins("x".repeat(300), "y".repeat(300), since));
    }

    @Test
    public void purgesExpiredSessionsAndOldFailures() throws Exception {
        sessions.create(dev.id(), A);
        sessions.create(dev.id(), B);
        pg.execute("UPDATE sessions SET created_at = now() - interval '9 hours' WHERE token_hash = '" + A + "'");
        sessions.recordFailedLogin("dev", "10.0.0.1");
        sessions.recordFailedLogin("dev", "10.0.0.2");
        pg.execute("UPDATE login_failures SET failed_at = now() - interval '16 minutes' WHERE address = '10.0.0.1'");
        sessions.purge(ABSOLUTE, Duration.ofMinutes(15));
        assertEquals(1, pg.count("SELECT count(*) FROM sessions"));
        assertEquals(1, pg.count("SELECT count(*) FROM login_failures"));
        assertEquals(1, pg.count("SELECT count(*) FROM login_failures WHERE address = '10.0.0.2'"));
    }
}
