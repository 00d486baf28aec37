package io.picloud.host.kv.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.picloud.api.KvRefusedException;
import io.picloud.api.StoreUnavailableException;
import org.junit.Test;

/** Concurrent increments of one key share statements, and every caller still gets its own exact value. */
public class IncrCombinerTest {
    private final IncrCombiner combiner = new IncrCombiner();

    @Test
    public void everyCallerGetsADistinctValueAndNoneIsLost() throws Exception {
        AtomicLong counter = new AtomicLong();
        AtomicInteger statements = new AtomicInteger();
        IncrCombiner.Increment slow = by -> {
            statements.incrementAndGet();
            try {
                Thread.sleep(2); // a database round trip
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return counter.addAndGet(by);
        };
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < 200; i++) {
                        assertTrue(seen.add(combiner.incr("ns", "hits", 1, slow)));
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3200, counter.get());
        assertEquals(3200, seen.size());
        assertTrue(seen.contains(3200L) && seen.contains(1L));
        assertTrue("statements shared: " + statements.get(), statements.get() < 3200);
        assertEquals(statements.get(), combiner.batches());
    }

    @Test
    public void callsInOneBatchGetTheValuesInTheirOrder() throws Exception {
        AtomicLong counter = new AtomicLong(100);
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IncrCombiner.Increment gated = by -> {
            if (inFirst.getCount() == 1) {
                inFirst.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return counter.addAndGet(by);
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Long> first = pool.submit(() -> combiner.incr("ns", "k", 1, gated));
            inFirst.await();
            Future<Long> a = pool.submit(() -> combiner.incr("ns", "k", 10, gated));
            awaitWaiting(1);
            Future<Long> b = pool.submit(() -> combiner.incr("ns", "k", -3, gated));
            awaitWaiting(2);
            release.countDown();
            assertEquals(101L, (long) first.get());
            assertEquals(111L, (long) a.get());
            assertEquals(108L, (long) b.get());
            assertEquals(2, combiner.batches());
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitWaiting(int n) throws InterruptedException {
        for (int i = 0; i < 1000 && combiner.waiting("ns", "k") < n; i++) {
            Thread.onSpinWait();
            Thread.sleep(1);
        }
        assertEquals(n, combiner.waiting("ns", "k"));
    }

    @Test
    public void aRefusalIsTheCallersAndTheKeyIsFreeAfterIt() {
        IncrCombiner.Increment refusing = by -> {
            throw new KvRefusedException(KvRefusedException.Reason.NOT_AN_INTEGER, "not an integer");
        };
        try {
            combiner.incr("ns", "k", 1, refusing);
            fail();
        } catch (KvRefusedException e) {
            assertEquals(KvRefusedException.Reason.NOT_AN_INTEGER, e.reason());
        }
        try {
            combiner.incr("ns", "k", 1, by -> {
                throw new StoreUnavailableException("down", null);
            });
            fail();
        } catch (StoreUnavailableException expected) {
            // every waiter of the batch sees it
        }
        assertEquals(5, combiner.incr("ns", "k", 5, by -> by));
    }
}
