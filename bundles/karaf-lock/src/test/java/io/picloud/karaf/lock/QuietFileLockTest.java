package io.picloud.karaf.lock;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.felix.utils.properties.Properties;
import org.apache.karaf.main.lock.SimpleFileLock;
import org.apache.karaf.main.util.BootstrapLogManager;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class QuietFileLockTest {

    /** Karaf's lock logs each lock and release at INFO; held here so the level stays set. */
    private static final Logger KARAF_LOCK_LOG = Logger.getLogger(SimpleFileLock.class.getName());

    @Rule
    public TemporaryFolder base = new TemporaryFolder();

    @Before
    public void bootstrapLog() {
        // Karaf's lock logs through the launcher's bootstrap log, which the launcher sets up first
        Properties props = new Properties();
        props.setProperty("karaf.bootstrap.log", new File(base.getRoot(), "bootstrap.log").getPath());
        BootstrapLogManager.setProperties(props);
        KARAF_LOCK_LOG.setLevel(Level.WARNING);
    }

    private Properties props(long checkMillis) {
        Properties props = new Properties();
        props.setProperty("karaf.lock.dir", base.getRoot().getPath());
        props.setProperty(QuietFileLock.CHECK_MILLIS, Long.toString(checkMillis));
        return props;
    }

    @Test
    public void aCheckAnswersAliveAfterItsWait() throws Exception {
        QuietFileLock lock = new QuietFileLock(props(10));
        try {
            assertTrue(lock.lock());
            assertTrue(lock.isAlive());
        } finally {
            lock.release();
        }
        assertFalse("released", lock.isAlive());
    }

    @Test
    public void anInterruptEndsTheWaitAndStaysSetForTheLaunchersOwnSleep() throws Exception {
        QuietFileLock lock = new QuietFileLock(props(TimeUnit.HOURS.toMillis(1)));
        assertTrue(lock.lock());
        AtomicBoolean interruptKept = new AtomicBoolean();
        CompletableFuture<Boolean> alive = new CompletableFuture<>();
        Thread monitor = new Thread(() -> {
            try {
                alive.complete(lock.isAlive());
                interruptKept.set(Thread.currentThread().isInterrupted());
            } catch (Exception e) {
                alive.completeExceptionally(e);
            }
        });
        monitor.start();
        Thread.sleep(100);
        assertFalse("the check waits", alive.isDone());
        monitor.interrupt();
        monitor.join(TimeUnit.SECONDS.toMillis(5));
        assertFalse("the check ended at the interrupt", monitor.isAlive());
        assertTrue(alive.get());
        assertTrue("the interrupt is kept", interruptKept.get());
        lock.release();
    }

    @Test
    public void aSecondLockOnTheSameDirectoryIsRefused() throws Exception {
        QuietFileLock first = new QuietFileLock(props(10));
        assertTrue(first.lock());
        try {
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
                // a file lock is per JVM: another channel of this JVM on the same file is refused with an exception
                try {
                    return new QuietFileLock(props(10)).lock();
                } catch (Exception refused) {
                    return false;
                }
            });
            assertFalse(second.get(5, TimeUnit.SECONDS));
        } finally {
            first.release();
        }
    }
}
