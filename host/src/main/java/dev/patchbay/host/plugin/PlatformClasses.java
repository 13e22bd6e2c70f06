package dev.patchbay.host.plugin;

import dev.patchbay.api.ExtensionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The classes every plugin sees before its own, as its {@link PatchbayClassLoader} orders them: the api
 * ({@code dev.patchbay.api.*}) and slf4j-api packages from the host, then the JDK through the platform class loader.
 * Their class files are read as resources of those loaders and parsed, never defined; each is read once for the
 * platform's life and shared by every plugin. Thread-safe.
 */
final class PlatformClasses {

    /** Who provides a class name to a plugin, before its own roots are searched. */
    enum Origin {
        /** The api package: the running api has it or the plugin links against a newer api. */
        API,
        /** An slf4j-api package. */
        SLF4J,
        /** A JDK module. */
        JDK,
        /** None of them: the plugin's own roots or a dependency must provide it. */
        NONE
    }

    private static final Optional<ClassReferences> ABSENT = Optional.empty();

    private final ClassLoader apiLoader;
    private final ClassLoader slf4jLoader;
    private final ClassLoader jdkLoader;
    private final ClassLoader hostLoader;
    private final Set<String> jdkPackages;
    private final ConcurrentMap<String, Optional<ClassReferences>> read = new ConcurrentHashMap<>();
    private final ConcurrentMap<ClassReferences.MemberRef, MemberResolution.Result> members =
            new ConcurrentHashMap<>();

    PlatformClasses(ClassLoader apiLoader, ClassLoader slf4jLoader, ClassLoader jdkLoader, ClassLoader hostLoader) {
        this.apiLoader = Objects.requireNonNull(apiLoader, "apiLoader");
        this.slf4jLoader = Objects.requireNonNull(slf4jLoader, "slf4jLoader");
        this.jdkLoader = Objects.requireNonNull(jdkLoader, "jdkLoader");
        this.hostLoader = Objects.requireNonNull(hostLoader, "hostLoader");
        this.jdkPackages = packagesOf(jdkLoader);
    }

    /**
     * The packages of the boot layer's modules that this loader sees (its own and its ancestors'): a class in any
     * other package cannot come from it, so a plugin's own class names, most of all, need no jimage lookup, which
     * costs about 0.1 ms for a name the image lacks.
     */
    private static Set<String> packagesOf(ClassLoader loader) {
        Set<String> packages = new HashSet<>();
        for (Module module : ModuleLayer.boot().modules()) {
            if (sees(loader, module.getClassLoader())) {
                packages.addAll(module.getPackages());
            }
        }
        return Set.copyOf(packages);
    }

    private static boolean sees(ClassLoader loader, ClassLoader definer) {
        for (ClassLoader current = loader; ; current = current.getParent()) {
            if (current == definer) {
                return true;
            }
            if (current == null) {
                return false;
            }
        }
    }

    /** The loaders the plugins' class loaders use. */
    PlatformClasses() {
        this(ExtensionFactory.class.getClassLoader(), org.slf4j.Logger.class.getClassLoader(),
                ClassLoader.getPlatformClassLoader(), PlatformClasses.class.getClassLoader());
    }

    /** Which loader a plugin asks first for this class: the api and slf4j packages go to the host whatever exists. */
    static Origin packageOrigin(String internal) {
        String pkg = Descriptors.packageOf(internal);
        if (pkg.equals(PatchbayClassLoader.API_PACKAGE) || pkg.startsWith(PatchbayClassLoader.API_PACKAGE + ".")) {
            return Origin.API;
        }
        if (PatchbayClassLoader.SLF4J_PACKAGES.contains(pkg)) {
            return Origin.SLF4J;
        }
        return Origin.NONE;
    }

    /**
     * The class as the platform provides it; empty for a class in the api or slf4j packages that the host lacks,
     * and for every class the JDK lacks outside them.
     */
    Optional<ClassReferences> find(String internal) {
        Optional<ClassReferences> known = read.get(internal);
        if (known != null) {
            return known;
        }
        Optional<ClassReferences> found = load(internal);
        read.putIfAbsent(internal, found);
        return found;
    }

    /**
     * Resolves a member of a platform class. Its whole hierarchy is platform classes, so the answer is the same for
     * every plugin and is computed once: most references of most plugins are to the JDK and the api.
     */
    MemberResolution.Result resolve(ClassReferences.MemberRef member) {
        MemberResolution.Result known = members.get(member);
        if (known != null) {
            return known;
        }
        MemberResolution.Result result = MemberResolution.resolve(member, this::find);
        members.putIfAbsent(member, result);
        return result;
    }

    /** Whether the host itself has the class though plugins do not see it (a host, pf4j or Jackson class). */
    boolean hostHas(String internal) {
        return hostLoader.getResource(internal + ".class") != null;
    }

    private Optional<ClassReferences> load(String internal) {
        Origin origin = packageOrigin(internal);
        if (origin == Origin.NONE && !jdkPackages.contains(Descriptors.packageOf(internal))) {
            return ABSENT;
        }
        ClassLoader loader = switch (origin) {
            case API -> apiLoader;
            case SLF4J -> slf4jLoader;
            default -> jdkLoader;
        };
        try (InputStream in = loader.getResourceAsStream(internal + ".class")) {
            if (in == null) {
                return ABSENT;
            }
            return Optional.of(ClassReferences.parse(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the platform class " + Descriptors.binary(internal)
                    + " to check plugin references against it; the JDK or host installation is damaged", e);
        }
    }
}
