package dev.patchbay.host.plugin;

import dev.patchbay.api.ExtensionFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Instantiates a started plugin's extension factories with {@link ServiceLoader}, inside the plugin's
 * {@link PluginScope}: the only place where plugin code runs while the plugin starts.
 */
final class FactoryInstantiation {

    private FactoryInstantiation() {
    }

    /**
     * @param problems receives one problem per factory that could not be instantiated
     * @param origins explains a factory that failed for a class-loading reason by the loaders and files involved
     * @return the factories that were instantiated, each with the plugin's scope
     */
    static List<LoadedExtension> instantiate(DiscoveredPlugin plugin, PluginHandle handle, List<Problem> problems,
            ClassOrigins origins) {
        String id = plugin.id();
        PluginScope scope = handle.scope();
        ClassLoader loader = scope.classLoader();
        List<LoadedExtension> loaded = new ArrayList<>();
        PluginScope.Entered entered = scope.enter();
        try {
            for (ExtensionKind kind : ExtensionKind.values()) {
                Map<String, ExtensionDescriptor> expected = new LinkedHashMap<>();
                plugin.info().extensions().stream().filter(e -> e.kind() == kind)
                        .forEach(e -> expected.put(e.className(), e));
                if (expected.isEmpty()) {
                    continue;
                }
                Iterator<? extends ExtensionFactory> providers = ServiceLoader.load(kind.factoryType(), loader)
                        .iterator();
                // Each provider is fetched in its own try, like SLF4J's LoggerFactory, so one broken
                // factory is reported and the next is still tried; the bound stops a loader that repeats.
                int attempts = 0;
                while (attempts++ <= expected.size() * 2) {
                    ExtensionFactory factory;
                    try {
                        if (!providers.hasNext()) {
                            break;
                        }
                        factory = providers.next();
                    } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                        problems.add(initProblem(plugin, kind, expected, e, origins));
                        if (interrupted(e)) {
                            // A start thread is interrupted only when its start was given up: nobody waits for the rest.
                            Thread.currentThread().interrupt();
                            return loaded;
                        }
                        continue;
                    }
                    ExtensionDescriptor descriptor = expected.get(factory.getClass().getName());
                    if (descriptor == null) {
                        problems.add(new Problem(ProblemCode.EXTENSION_CLASS_MISSING, "plugin '" + id + "' provided '"
                                + factory.getClass().getName() + "' for " + kind.serviceFile() + " although discovery"
                                + " did not find it there; rebuild the plugin"));
                        continue;
                    }
                    loaded.add(new LoadedExtension(handle, descriptor, factory));
                }
            }
        } finally {
            entered.close();
        }
        return loaded;
    }

    private static boolean interrupted(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private static Problem initProblem(DiscoveredPlugin plugin, ExtensionKind kind,
            Map<String, ExtensionDescriptor> expected, Throwable error, ClassOrigins origins) {
        String id = plugin.id();
        String text = describe(error);
        String className = expected.keySet().stream().filter(text::contains).findFirst().orElse("?");
        if (text.contains("not a subtype")) {
            return new Problem(ProblemCode.EXTENSION_WRONG_TYPE, "plugin '" + id + "' lists '" + className + "' in "
                    + kind.serviceFile() + ", but the class does not implement " + kind.factoryType().getName()
                    + " (" + text + "); implement that interface");
        }
        String fix = explain(origins, error, plugin).orElse("fix its static initialiser or constructor, which must "
                + "not throw");
        return new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin '" + id + "' " + kind.label() + " factory '"
                + className + "' failed to initialise: " + text + "; " + fix);
    }

    /** A class-loading failure's loaders and files; the plugin's own failure is reported whatever this does. */
    private static java.util.Optional<String> explain(ClassOrigins origins, Throwable error, DiscoveredPlugin plugin) {
        try {
            return origins.explain(error, plugin.id(), plugin.info().version());
        } catch (RuntimeException e) {
            error.addSuppressed(e);
            return java.util.Optional.empty();
        }
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
