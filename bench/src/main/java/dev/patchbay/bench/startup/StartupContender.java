package dev.patchbay.bench.startup;

import dev.patchbay.api.ProcessorFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.pf4j.DefaultExtensionFinder;
import org.pf4j.ExtensionFinder;
import org.pf4j.JarPluginManager;

/**
 * One contender of the start-up benchmark, run in a JVM of its own:
 * {@code StartupContender <patchbay|pf4j|serviceloader> <plugins-dir> <expected-extensions>}; also
 * {@code patchbay-discovery}, which stops after discovery (every plugin RESOLVED, its extensions listed), and the
 * {@code -nolinkage} variants of both, which the driver runs with the linkage check switched off.
 *
 * <p>It measures the time from entering {@code main} until every extension factory of every plugin is
 * instantiated and known, then the heap and metaspace in use after two full collections while everything is
 * still reachable. It also reports the CPU time the whole process used up to that point (JVM start-up, JIT and
 * GC threads included), which the load of a shared machine disturbs less than the wall time. It prints one {@code RESULT} line and fails when it found a different number of extensions
 * than expected, so that no contender is timed doing less work.
 */
public final class StartupContender {

    private static final String LOGBACK_CONFIG = "logback.configurationFile";

    private StartupContender() {
    }

    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        if (System.getProperty(LOGBACK_CONFIG) == null) {
            System.setProperty(LOGBACK_CONFIG, "bench-logback.xml");
        }
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: StartupContender <patchbay|patchbay-discovery|pf4j|serviceloader>[-nolinkage]"
                    + " <plugins-dir> <expected-extensions>");
        }
        String contender = args[0];
        Path dir = Path.of(args[1]);
        int expected = Integer.parseInt(args[2]);
        Loaded loaded = switch (contender) {
            case "patchbay", "patchbay-nolinkage" -> PatchbayContender.load(dir);
            case "patchbay-discovery", "patchbay-discovery-nolinkage" -> PatchbayContender.discover(dir);
            case "pf4j" -> pf4j(dir);
            case "serviceloader" -> serviceLoader(dir);
            default -> throw new IllegalArgumentException("unknown contender '" + contender
                    + "'; use patchbay, pf4j or serviceloader");
        };
        long elapsed = System.nanoTime() - started;
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        if (loaded.extensions() != expected) {
            System.err.printf(Locale.ROOT, "%s found %d extensions in %s but %d were expected%n",
                    contender, loaded.extensions(), dir, expected);
            System.exit(1);
        }
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.NON_HEAP && pool.getName().equals("Metaspace")) {
                metaspace = pool.getUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT,
                "RESULT contender=%s extensions=%d millis=%.1f cpuMillis=%.1f heapBytes=%d metaspaceBytes=%d%n",
                contender, loaded.extensions(), elapsed / 1e6, cpu / 1e6, heap, metaspace);
        // pf4j is not closed: its 3.15 stopPlugins() and unloadPlugins() both throw ConcurrentModificationException on
        // this plugin set. Patchbay is, untimed, because every run would otherwise leave its plugins' staged copies
        // (one folder per plugin) in java.io.tmpdir: 36,000 folders after 18 runs at N = 2000.
        Reference.reachabilityFence(loaded);
        try {
            loaded.closeAfterMeasuring().close();
        } catch (Exception e) {
            throw new IllegalStateException(contender + " could not be closed after measuring: " + e, e);
        }
    }

    /**
     * What a contender holds once every extension is known; kept reachable while memory is measured, then
     * {@code closeAfterMeasuring} runs, untimed.
     */
    record Loaded(int extensions, Object holder, AutoCloseable closeAfterMeasuring) {
        Loaded(int extensions, Object holder) {
            this(extensions, holder, () -> { });
        }
    }

    private static Loaded pf4j(Path dir) {
        JarPluginManager manager = new JarPluginManager(dir) {
            @Override
            protected ExtensionFinder createExtensionFinder() {
                DefaultExtensionFinder finder = (DefaultExtensionFinder) super.createExtensionFinder();
                finder.addServiceProviderExtensionFinder();
                return finder;
            }
        };
        manager.loadPlugins();
        manager.startPlugins();
        List<ProcessorFactory> factories = manager.getExtensions(ProcessorFactory.class);
        return new Loaded(factories.size(), List.of(manager, factories));
    }

    private static Loaded serviceLoader(Path dir) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        List<URLClassLoader> loaders = new ArrayList<>(jars.size());
        List<ProcessorFactory> factories = new ArrayList<>();
        ClassLoader parent = StartupContender.class.getClassLoader();
        for (Path jar : jars) {
            URLClassLoader loader = new URLClassLoader(jar.getFileName().toString(), new URL[] {jar.toUri().toURL()},
                    parent);
            loaders.add(loader);
            for (ProcessorFactory factory : ServiceLoader.load(ProcessorFactory.class, loader)) {
                factories.add(factory);
            }
        }
        return new Loaded(factories.size(), List.of(loaders, factories));
    }
}
