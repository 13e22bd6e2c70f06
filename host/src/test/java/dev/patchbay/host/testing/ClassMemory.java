package dev.patchbay.host.testing;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Loaded classes and metaspace used after full collections, for leak tests that compare one reload cycle with
 * the first: a figure is taken once requested collections no longer lower the loaded class count (class
 * unloading can take a few), or at the deadline.
 */
public final class ClassMemory {

    /** The JVM's memory pool for class metadata, as HotSpot names it. */
    public static final String METASPACE = "Metaspace";

    private static final int STABLE_COLLECTIONS = 3;

    private ClassMemory() {
    }

    /**
     * One measurement.
     *
     * @param loadedClasses the classes loaded now ({@link ClassLoadingMXBean#getLoadedClassCount()})
     * @param metaspaceBytes the bytes of metaspace used now
     */
    public record Figures(int loadedClasses, long metaspaceBytes) {

        public Figures {
            if (loadedClasses < 0 || metaspaceBytes < 0) {
                throw new IllegalArgumentException("loaded classes " + loadedClasses + " and metaspace "
                        + metaspaceBytes + " bytes must not be negative");
            }
        }

        /** This measurement minus an earlier one, so that growth is positive. */
        public Figures minus(Figures earlier) {
            return new Figures(Math.max(0, loadedClasses - earlier.loadedClasses),
                    Math.max(0, metaspaceBytes - earlier.metaspaceBytes));
        }

        @Override
        public String toString() {
            return loadedClasses + " classes, " + metaspaceBytes / 1024 + " KiB metaspace";
        }
    }

    /**
     * Requests full collections until the loaded class count stops falling for a few in a row or the deadline
     * passes, then measures.
     *
     * @throws IllegalStateException if the JVM has no {@value #METASPACE} pool (not HotSpot)
     */
    public static Figures afterFullGc(Duration deadline) throws InterruptedException {
        Objects.requireNonNull(deadline, "deadline");
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long end = System.nanoTime() + deadline.toNanos();
        int lowest = Integer.MAX_VALUE;
        int stable = 0;
        while (stable < STABLE_COLLECTIONS && System.nanoTime() < end) {
            System.gc();
            int loaded = classes.getLoadedClassCount();
            stable = loaded < lowest ? 0 : stable + 1;
            lowest = Math.min(lowest, loaded);
            // Gives the collector's reference and class unloading work a moment; bounded by the deadline.
            Thread.sleep(10);
        }
        return new Figures(classes.getLoadedClassCount(), metaspace().getUsage().getUsed());
    }

    private static MemoryPoolMXBean metaspace() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        return pools.stream().filter(pool -> pool.getName().equals(METASPACE)).findFirst()
                .orElseThrow(() -> new IllegalStateException("this JVM has no '" + METASPACE + "' memory pool (it"
                        + " has " + pools.stream().map(MemoryPoolMXBean::getName).toList() + "); run the leak test"
                        + " on HotSpot"));
    }
}
