package dev.patchbay.testkit;

import java.util.Objects;

/**
 * The parent of the isolated host: the JDK (through the platform class loader) plus the
 * {@code dev.patchbay.api} package from the kit's own loader, so that rows, settings and factories are the same
 * classes in the test and in the plugin. Nothing else of the test class path is visible.
 */
final class ApiOnlyClassLoader extends ClassLoader {

    static final String API_PACKAGE = "dev.patchbay.api";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader apiLoader;

    ApiOnlyClassLoader(ClassLoader apiLoader) {
        super("patchbay-testkit-api-only", ClassLoader.getPlatformClassLoader());
        this.apiLoader = Objects.requireNonNull(apiLoader, "apiLoader");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isApi(name)) {
            return apiLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    static boolean isApi(String className) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        return pkg.equals(API_PACKAGE) || pkg.startsWith(API_PACKAGE + ".");
    }
}
