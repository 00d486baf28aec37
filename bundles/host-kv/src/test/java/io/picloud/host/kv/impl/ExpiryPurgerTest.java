package io.picloud.host.kv.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;

import io.picloud.api.KvStore;
import org.junit.After;
import org.junit.Test;

/** The purger sleeps until something expires, is woken by a nearer expiry, and sweeps once at start. */
public class ExpiryPurgerTest {
    private final FakeKvStore store = new FakeKvStore();
    private ExpiryPurger purger;

    @After
    public void stop() {
        if (purger != null) {
            purger.stop();
        }
    }

    private void awaitPurges(long n) throws InterruptedException {
        for (int i = 0; i < 200 && purger.purges() < n; i++) {
            Thread.sleep(10);
        }
        assertTrue("purges: " + purger.purges(), purger.purges() >= n);
    }

    @Test
    public void withNothingToExpireItSweepsOnceAndSleeps() throws Exception {
        purger = new ExpiryPurger(store, 10);
        purger.start();
        awaitPurges(1);
        Thread.sleep(300);
        assertEquals("one sweep at start, no polling", 1, purger.purges());
        assertEquals("one statement", 1, store.purgeCalls);
        assertEquals(0, store.nextExpiryCalls);
        assertFalse(purger.waitingForExpiry());
    }

    @Test
    public void aNearerExpiryWakesItAndBatchesAreBounded() throws Exception {
        purger = new ExpiryPurger(store, 2);
        purger.start();
        awaitPurges(1);
        for (int i = 0; i < 5; i++) {
            store.namespaces.computeIfAbsent("ns", n -> new java.util.TreeMap<>()).put("k" + i,
                    new KvStore.Entry("k" + i, "1", Instant.now().plusMillis(50), Instant.now()));
        }
        purger.expiresIn(50);
        awaitPurges(2);
        assertEquals(0, store.count("ns"));
        assertTrue(store.namespaces.get("ns").isEmpty());
        assertEquals("batches of 2: 2, 2, 1 (+1 at start)", 4, store.purgeCalls);
        assertFalse("nothing else expires", purger.waitingForExpiry());
    }

    @Test
    public void anOutageIsRetriedLaterNotInALoop() throws Exception {
        store.down = true;
        purger = new ExpiryPurger(store, 10);
        purger.start();
        awaitPurges(1);
        Thread.sleep(200);
        assertEquals(1, purger.purges());
        assertTrue("a retry is due", purger.waitingForExpiry());
    }
}
