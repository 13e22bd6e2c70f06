package dev.patchbay.host.plugin;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A real plugin jar, {@code leaky}, whose class {@code com.example.leaky.Leaks} has one static method per known
 * leak source (it registers a JDBC driver, loads a resource bundle, introspects a bean, starts a thread, adds a
 * shutdown hook, logs), each loaded into its own {@link PatchbayClassLoader} and called inside a
 * {@link PluginScope}, as the host calls a plugin.
 */
final class LeakyPlugin implements AutoCloseable {

    static final String ID = "leaky";
    static final String VERSION = "1.0.0";
    static final String LEAKS = "com.example.leaky.Leaks";
    static final String DRIVER = "com.example.leaky.TinyDriver";
    static final String BAD_DRIVER = "com.example.leaky.BadDriver";

    private static final String DRIVER_SOURCE = """
            package com.example.leaky;

            import java.sql.Connection;
            import java.sql.Driver;
            import java.sql.DriverPropertyInfo;
            import java.sql.SQLFeatureNotSupportedException;
            import java.util.Properties;
            import java.util.logging.Logger;

            public class TinyDriver implements Driver {
                public Connection connect(String url, Properties info) { return null; }
                public boolean acceptsURL(String url) { return url.startsWith("jdbc:leaky:"); }
                public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
                    return new DriverPropertyInfo[0];
                }
                public int getMajorVersion() { return 1; }
                public int getMinorVersion() { return 0; }
                public boolean jdbcCompliant() { return false; }
                public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                    throw new SQLFeatureNotSupportedException("no logger");
                }
            }
            """;

    private static final String LEAKS_SOURCE = """
            package com.example.leaky;

            import java.beans.Introspector;
            import java.sql.DriverAction;
            import java.sql.DriverManager;
            import java.util.ResourceBundle;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.atomic.AtomicBoolean;

            public final class Leaks {
                private static final AtomicBoolean FAILED = new AtomicBoolean();

                public static void driver() throws Exception {
                    DriverManager.registerDriver(new TinyDriver());
                }

                /** A driver whose DriverAction fails its first deregistration, then a good one. */
                public static void badDriver() throws Exception {
                    DriverAction failsOnce = () -> {
                        if (FAILED.compareAndSet(false, true)) {
                            throw new IllegalStateException("connection pool still open");
                        }
                    };
                    DriverManager.registerDriver(new BadDriver(), failsOnce);
                    DriverManager.registerDriver(new TinyDriver());
                }

                public static Object bundle() {
                    ResourceBundle bundle = ResourceBundle.getBundle("com.example.leaky.Messages");
                    bundle.getString("greeting");
                    return bundle;
                }

                public static Object beans() throws Exception {
                    return Introspector.getBeanInfo(Bean.class);
                }

                public static void thread(CountDownLatch release) throws InterruptedException {
                    // Returns once the worker runs its own code, so that a report taken at once sees its frame.
                    CountDownLatch running = new CountDownLatch(1);
                    Thread worker = new Thread(() -> {
                        try {
                            running.countDown();
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, "leaky-worker");
                    worker.setDaemon(true);
                    worker.start();
                    running.await();
                }

                public static void hook() {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> { }, "leaky-hook"));
                }

                /** Logs through the logger the host hands it, and through slf4j with its own class and MDC. */
                public static void logs(System.Logger logger) {
                    logger.log(System.Logger.Level.INFO, "starting {0}", new Bean());
                    org.slf4j.Logger own = org.slf4j.LoggerFactory.getLogger(Leaks.class);
                    org.slf4j.MDC.put("leaky.request", "r-1");
                    own.info("bean {}", new Bean());
                    own.info("failed", new IllegalStateException("boom"));
                }
            }
            """;

    private static final String BEAN_SOURCE = """
            package com.example.leaky;

            public final class Bean {
                private int size;
                public int getSize() { return size; }
                public void setSize(int size) { this.size = size; }
            }
            """;

    private static final String MESSAGES_SOURCE = """
            package com.example.leaky;

            public final class Messages extends java.util.ListResourceBundle {
                @Override
                protected Object[][] getContents() {
                    return new Object[][] {{"greeting", "hello"}};
                }
            }
            """;

    private final PatchbayClassLoader loader;

    LeakyPlugin(Path pluginsRoot, Path jar) {
        loader = PluginLoaders.of(ID, pluginsRoot, jar);
    }

    /** Writes {@code leaky.jar} into the folder. */
    static Path buildJar(Path directory) {
        return PluginJarBuilder.plugin(ID)
                .source(DRIVER, DRIVER_SOURCE)
                .source(BAD_DRIVER, "package com.example.leaky;\npublic class BadDriver extends TinyDriver { }\n")
                .source("com.example.leaky.Bean", BEAN_SOURCE)
                .source("com.example.leaky.Messages", MESSAGES_SOURCE)
                .source(LEAKS, LEAKS_SOURCE)
                .buildJar(directory);
    }

    ClassLoader loader() {
        return loader;
    }

    /** Calls {@code Leaks.<action>(arguments)} inside the plugin's scope, as the host calls plugin code. */
    @SuppressWarnings("try")
    Object call(String action, Object... arguments) throws Exception {
        Method method = Arrays.stream(loader.loadClass(LEAKS).getMethods())
                .filter(candidate -> candidate.getName().equals(action)).findFirst()
                .orElseThrow(() -> new AssertionError("Leaks has no method " + action));
        try (PluginScope.Entered ignored = new PluginScope(ID, loader).enter()) {
            return method.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    /**
     * Whether the referent is collected within the time, with a full collection requested every few
     * milliseconds until then.
     */
    static boolean collected(WeakReference<?> reference, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (reference.get() != null && System.nanoTime() < deadline) {
            System.gc();
            // Lets the collector's reference processing finish before the next look; bounded by the deadline.
            Thread.sleep(10);
        }
        return reference.get() == null;
    }
}
