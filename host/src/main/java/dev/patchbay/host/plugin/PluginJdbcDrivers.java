package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;

/**
 * Deregisters the JDBC drivers one plugin's class loader defined. {@link java.sql.DriverManager} holds every
 * registered driver in a static list until it is deregistered, and a driver's class holds its loader, so a plugin
 * that registers a driver (directly, or by loading a driver jar in its {@code lib/} whose static initialiser
 * registers itself) is never collected. The manager only lets a caller that sees the driver's class list or
 * deregister it; {@link JdbcDriverRelease} is that caller, defined in a child of the plugin's loader, as Tomcat's
 * JdbcLeakPrevention is defined in the web application's loader.
 */
final class PluginJdbcDrivers {

    private static final String RELEASE = JdbcDriverRelease.class.getName();

    private PluginJdbcDrivers() {
    }

    /**
     * Deregisters every registered driver whose class {@code loader} defined.
     *
     * @param scope the plugin's scope: its id, and the loader whose drivers go; each driver's
     *              {@code DriverAction} runs inside it
     * @param who the plugin as failures name it, such as {@code plugin 'db' 1.2.0}
     * @param failures where a driver that cannot be deregistered is added, with the cause chained
     * @return the class names of the drivers deregistered, in registration order
     */
    @SuppressWarnings("try") // the scope handle is used only for its close()
    static List<String> deregister(PluginScope scope, String who, List<Exception> failures) {
        ClassLoader loader = scope.classLoader();
        Class<?> release;
        List<Driver> registered;
        try {
            release = new ReleaseLoader(loader).define(releaseBytes());
            registered = drivers(release.getMethod("drivers").invoke(null));
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            failures.add(new IllegalStateException(who + ": cannot list the JDBC drivers it registered ("
                    + cause(e) + "); any it left registered keep its class loader in memory; this is a host"
                    + " fault, report it", cause(e)));
            return List.of();
        }
        List<String> deregistered = new ArrayList<>();
        for (Driver driver : registered) {
            if (driver.getClass().getClassLoader() != loader) {
                continue;
            }
            String name = driver.getClass().getName();
            try (PluginScope.Entered ignored = scope.enter()) {
                release.getMethod("deregister", Driver.class).invoke(null, driver);
                deregistered.add(name);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Throwable cause = cause(e);
                if (cause instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                failures.add(new IllegalStateException(who + ": cannot deregister its JDBC driver '" + name + "' ("
                        + cause + "); the driver keeps the plugin's class loader in memory until the JVM exits;"
                        + " fix the driver's DriverAction.deregister(), or deregister the driver in the plugin's"
                        + " close()", cause));
            }
        }
        return List.copyOf(deregistered);
    }

    private static List<Driver> drivers(Object listed) {
        List<Driver> drivers = new ArrayList<>();
        for (Object driver : (List<?>) listed) {
            drivers.add((Driver) driver);
        }
        return drivers;
    }

    private static Throwable cause(Throwable e) {
        return e instanceof InvocationTargetException invoked && invoked.getCause() != null ? invoked.getCause() : e;
    }

    private static byte[] releaseBytes() throws IOException {
        String resource = RELEASE.replace('.', '/') + ".class";
        try (InputStream in = JdbcDriverRelease.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the host's class path has no '" + resource + "'");
            }
            return in.readAllBytes();
        }
    }

    /** Defines the one {@link JdbcDriverRelease} copy; every other class comes from the plugin's loader. */
    private static final class ReleaseLoader extends ClassLoader {

        ReleaseLoader(ClassLoader plugin) {
            super("patchbay-jdbc-release", plugin);
        }

        Class<?> define(byte[] bytes) {
            return defineClass(RELEASE, bytes, 0, bytes.length);
        }
    }
}
