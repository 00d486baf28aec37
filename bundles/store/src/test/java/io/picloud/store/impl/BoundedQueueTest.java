package io.picloud.store.impl;

import org.junit.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** The invocation writer's queue: bound, order, bulk draining, waking the consumer, many producers. */
public class BoundedQueueTest {
    @Test
    public void refusesPastTheCapacityAndDrainsInOrder() {
        BoundedQueue<Integer> queue = new BoundedQueue<>(3);
        assertTrue(queue.offer(1));
        assertTrue(queue.offer(2));
        assertTrue(queue.offer(3));
        assertFalse(queue.offer(4));
        assertEquals(3, queue.size());
        List<Integer> out = new ArrayList<>();
        assertEquals(2, queue.drainTo(out, 2));
        assertEquals(List.of(1, 2), out);
        assertEquals(1, queue.size());
        assertTrue(queue.offer(5));
        assertEquals(2, queue.drainTo(out));
        assertEquals(List.of(1, 2, 3, 5), out);
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
    }

    @Test(timeout = 60_000)
    public void aWaitingConsumerWakesForAnOffer() throws Exception {
        BoundedQueue<String> queue = new BoundedQueue<>(10);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<List<String>> got = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            started.countDown();
            try {
                queue.awaitItems();
                List<String> out = new ArrayList<>();
                queue.drainTo(out);
                got.set(out);
            } catch (InterruptedException e) {
                got.set(List.of("interrupted"));
            }
        });
        consumer.start();
        started.await();
        queue.offer("x");
        consumer.join();
        assertEquals(List.of("x"), got.get());
    }

    @Test(timeout = 60_000)
    public void anInterruptEndsTheWait() throws Exception {
        BoundedQueue<String> queue = new BoundedQueue<>(10);
        AtomicReference<String> got = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                queue.awaitItems();
                got.set("woke without items");
            } catch (InterruptedException e) {
                got.set("interrupted");
            }
        });
        consumer.start();
        consumer.interrupt();
        consumer.join();
        assertEquals("interrupted", got.get());
    }

    @Test(timeout = 60_000)
    public void manyProducersLoseNothingAndNeverPassTheBound() throws Exception {
        int producers = 8;
        int each = 20_000;
        BoundedQueue<Integer> queue = new BoundedQueue<>(1_000);
        CountDownLatch done = new CountDownLatch(producers);
        long[] refused = new long[producers];
        for (int p = 0; p < producers; p++) {
            int id = p;
            new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    if (!queue.offer(i)) {
                        refused[id]++;
                    }
                }
                done.countDown();
            }).start();
        }
        List<Integer> taken = new ArrayList<>();
        int maxSeen = 0;
        while (done.getCount() > 0 || !queue.isEmpty()) {
            maxSeen = Math.max(maxSeen, queue.size());
            queue.drainTo(taken, 100);
        }
        long totalRefused = 0;
        for (long r : refused) {
            totalRefused += r;
        }
        assertEquals(producers * (long) each, taken.size() + totalRefused);
        assertTrue("size " + maxSeen + " passed the bound", maxSeen <= 1_000);
        assertEquals(0, queue.size());
    }
}
