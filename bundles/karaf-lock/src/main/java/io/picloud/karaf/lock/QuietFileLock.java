package io.picloud.karaf.lock;

import org.apache.felix.utils.properties.Properties;
import org.apache.karaf.main.lock.SimpleFileLock;

/**
 * Karaf's file lock ({@code <karaf.base>/lock}), checked once a minute instead of every second.
 *
 * <p>Karaf's launcher keeps the lock with a thread that asks {@link #isAlive()} and then sleeps
 * {@code karaf.lock.delay} (1 s), for as long as the JVM runs: an idle PiCloud's most frequent wake-up after the
 * JVM's own. This lock makes each check wait {@code picloud.lock.checkMillis} (60 s) first. The wait ends at once
 * when the launcher interrupts the thread to stop; the interrupt is kept, so the launcher's own sleep after the
 * check ends at once too and the JVM stops without waiting for either. A lock taken by another launcher is refused
 * at start as before: {@link #lock()} is Karaf's.
 */
public class QuietFileLock extends SimpleFileLock {

    static final String CHECK_MILLIS = "picloud.lock.checkMillis";
    private static final long DEFAULT_CHECK_MILLIS = 60_000;

    private final long checkMillis;

    public QuietFileLock(Properties props) {
        super(props);
        checkMillis = Long.parseLong(props.getProperty(CHECK_MILLIS, Long.toString(DEFAULT_CHECK_MILLIS)));
    }

    @Override
    public boolean isAlive() throws Exception {
        try {
            Thread.sleep(checkMillis);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        return super.isAlive();
    }
}
