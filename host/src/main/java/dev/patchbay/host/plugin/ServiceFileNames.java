package dev.patchbay.host.plugin;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Recognises files that were meant to be one of the api's service files but are not, such as
 * {@code META-INF/service/dev.patchbay.api.ProcessorFactory} or {@code META-INF/services/dev.patchbay.api.Processor},
 * while leaving the service files of bundled libraries alone ({@code META-INF/services/com.acme.ProcessorFactory}
 * belongs to the library's own interface). Stateless.
 */
final class ServiceFileNames {

    static final String SERVICES = "META-INF/services/";
    private static final String API_PACKAGE = "dev.patchbay.api";

    private ServiceFileNames() {
    }

    /** The kind whose service file this path is exactly ({@code META-INF/services/dev.patchbay.api.SinkFactory}). */
    static Optional<ExtensionKind> exactKind(String path) {
        return Stream.of(ExtensionKind.values()).filter(kind -> kind.serviceFile().equals(path)).findFirst();
    }

    /**
     * Whether a file that is not an api service file at its exact path was meant to be one: its name is in the
     * api package or close to it ({@code dev.patchbay.api.ExtensionFactory}, {@code dev.patchbay.apl.SinkFactory}),
     * or starts with {@code dev.patchbay} and resembles a factory interface, or it is a bare name resembling a
     * factory interface ({@code ProcessorFactory}) in a folder named like {@code services}.
     */
    static boolean meantForApi(String path) {
        String name = nameOf(path);
        if (name.endsWith(".class")) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String pkg = dot < 0 ? "" : lower.substring(0, dot);
        if (!pkg.isEmpty() && EditDistance.between(pkg, API_PACKAGE) <= 3) {
            return true;
        }
        boolean resemblesFactory = kindNamed(name).isPresent();
        if (pkg.startsWith("dev.patchbay")) {
            return resemblesFactory;
        }
        String directory = directoryOf(path);
        String parent = directory.isEmpty() ? "" : nameOf(directory.substring(0, directory.length() - 1));
        return pkg.isEmpty() && resemblesFactory
                && EditDistance.between(parent.toLowerCase(Locale.ROOT), "services") <= 2;
    }

    /**
     * The kind whose interface name a file name most resembles, ignoring case and package: within three edits
     * of {@code ProcessorFactory}, or within one of {@code Processor}.
     */
    static Optional<ExtensionKind> kindNamed(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        String simple = lower.substring(lower.lastIndexOf('.') + 1);
        return Stream.of(ExtensionKind.values())
                .filter(kind -> EditDistance.between(simple, simpleName(kind)) <= 2
                        || EditDistance.between(simple, kind.label()) <= 1)
                .min(Comparator.comparingInt(kind -> Math.min(EditDistance.between(simple, simpleName(kind)),
                        EditDistance.between(simple, kind.label()))));
    }

    private static String simpleName(ExtensionKind kind) {
        return kind.factoryType().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** The directory part of a path, with its trailing slash; empty for a file at the top. */
    static String directoryOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }

    static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
