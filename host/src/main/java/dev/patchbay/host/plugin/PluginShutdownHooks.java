package dev.patchbay.host.plugin;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the JVM's registered shutdown hooks, so that the exit can name the plugins' ones
 * ({@link PluginThreads#pluginOf} attributes each hook thread). The JDK keeps them in the private static map
 * {@code java.lang.ApplicationShutdownHooks.hooks}, read here by reflection; that needs the JVM option
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}, which {@code bin/patchbay} passes. Without it the hooks
 * cannot be listed, which is said once at DEBUG.
 */
final class PluginShutdownHooks {

    /** The JVM option that lets {@link #registered()} read the hooks. */
    static final String ADD_OPENS = "--add-opens java.base/java.lang=ALL-UNNAMED";

    private static final Logger log = LoggerFactory.getLogger(PluginShutdownHooks.class);

    /** Where the registered hooks are read from. */
    @FunctionalInterface
    interface Registry {
        /**
         * @throws ReflectiveOperationException or a RuntimeException (such as
         *         {@link java.lang.reflect.InaccessibleObjectException}) when they cannot be read
         */
        List<Thread> hooks() throws ReflectiveOperationException;
    }

    private final Registry registry;
    private final AtomicBoolean saidUnreadable = new AtomicBoolean();

    /** Reads the JDK's own hook list. */
    PluginShutdownHooks() {
        this(PluginShutdownHooks::jdkHooks);
    }

    PluginShutdownHooks(Registry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Every registered hook, the plugins' and any other, or empty when they cannot be listed. */
    Optional<List<Thread>> registered() {
        try {
            return Optional.of(List.copyOf(registry.hooks()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not a failure of the exit: the guard still bounds it, it only cannot name the hooks.
            if (saidUnreadable.compareAndSet(false, true)) {
                log.debug("shutdown hooks cannot be listed ({}), so the exit cannot name the plugins' hooks; start"
                        + " the JVM with {} (bin/patchbay does)", e.toString(), ADD_OPENS, e);
            }
            return Optional.empty();
        }
    }

    /**
     * The registered hooks that carry this loader (see {@link PluginThreads#carries}), by name, or empty when
     * the hooks cannot be listed.
     */
    Optional<List<Thread>> addedBy(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        return registered().map(hooks -> hooks.stream().filter(hook -> PluginThreads.carries(hook, loader))
                .sorted(Comparator.comparing(Thread::getName)).toList());
    }

    private static List<Thread> jdkHooks() throws ReflectiveOperationException {
        Class<?> type = Class.forName("java.lang.ApplicationShutdownHooks");
        Field field = type.getDeclaredField("hooks");
        field.setAccessible(true);
        // The JDK's add, remove and run hold the class's monitor while they touch the map.
        synchronized (type) {
            Object hooks = field.get(null);
            if (hooks == null) {
                throw new IllegalStateException("the JVM is already running its shutdown hooks");
            }
            List<Thread> threads = new ArrayList<>();
            for (Object hook : ((Map<?, ?>) hooks).keySet()) {
                threads.add((Thread) hook);
            }
            return threads;
        }
    }
}
