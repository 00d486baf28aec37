package io.picloud.rhai.impl.eval;

import java.lang.management.ManagementFactory;

/**
 * The bytes the current thread has allocated so far, from {@code com.sun.management.ThreadMXBean}, for the
 * allocation guard. That package is not part of Java SE: on a JVM (or in an OSGi framework) without it, or
 * with thread allocation accounting switched off, {@link #available()} is false and the guard is off.
 */
final class ThreadAllocation {
    /** Reads the counter; the only class that names com.sun.management, loaded only if that package resolves. */
    private static final class SunProbe {
        private final com.sun.management.ThreadMXBean bean;

        private SunProbe(com.sun.management.ThreadMXBean bean) {
            this.bean = bean;
        }

        static SunProbe create() {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean b
                    && b.isThreadAllocatedMemorySupported() && b.isThreadAllocatedMemoryEnabled()) {
                SunProbe p = new SunProbe(b);
                return p.bytes() >= 0 ? p : null;
            }
            return null;
        }

        long bytes() {
            return bean.getCurrentThreadAllocatedBytes();
        }
    }

    private static final SunProbe PROBE = load();

    private ThreadAllocation() {
    }

    private static SunProbe load() {
        try {
            return SunProbe.create();
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    static boolean available() {
        return PROBE != null;
    }

    /** Bytes allocated by the current thread so far, or -1 when unknown. */
    static long currentThreadBytes() {
        SunProbe p = PROBE;
        return p == null ? -1 : p.bytes();
    }
}
