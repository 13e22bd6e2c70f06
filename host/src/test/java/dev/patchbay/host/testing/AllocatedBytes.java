package dev.patchbay.host.testing;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates while it repeats an action, from the JVM's per-thread allocation counter
 * ({@code com.sun.management.ThreadMXBean}), for tests that pin a path to allocating nothing.
 */
public final class AllocatedBytes {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocatedBytes() {
    }

    /**
     * Runs {@code action} {@code warmUp} times unmeasured (first-use allocations, class loading), then
     * {@code times} times measured.
     *
     * @return the bytes allocated per measured run, on average
     */
    public static double perRun(int warmUp, int times, Runnable action) {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread "
                    + "(ThreadMXBean.isThreadAllocatedMemoryEnabled() is false); run the tests on HotSpot");
        }
        for (int i = 0; i < warmUp; i++) {
            action.run();
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < times; i++) {
            action.run();
        }
        long after = THREADS.getCurrentThreadAllocatedBytes();
        return (double) (after - before) / times;
    }
}
