package dev.patchbay.host.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * PACKAGE_CONFLICT (PB-PLUGIN-029) found at discovery: a package the plugin bundles that the JDK has. A
 * {@code java.*} package is a failure, since the JVM refuses to define a class in one; another JDK package
 * ({@code javax.xml}, {@code org.w3c.dom}) is a warning, since the plugin's loader asks the JDK first, so the
 * bundled copies of the JDK's classes are never used and those classes are the JDK's version. The api packages are
 * BUNDLES_API (PB-PLUGIN-014), reported on their own.
 */
final class PackageConflicts {

    /** What a check found: failures make the plugin FAILED, warnings are shown while it is used. */
    record Result(List<Problem> failures, List<Problem> warnings) {
        Result {
            failures = List.copyOf(failures);
            warnings = List.copyOf(warnings);
        }
    }

    private final Set<String> jdkPackages;

    PackageConflicts(Set<String> jdkPackages) {
        this.jdkPackages = Set.copyOf(jdkPackages);
    }

    /** The packages of the boot layer's modules that the platform class loader, a plugin's parent, sees. */
    static PackageConflicts ofRunningJdk() {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        Set<String> packages = ModuleLayer.boot().modules().stream()
                .filter(module -> module.getClassLoader() == null || module.getClassLoader() == platform)
                .flatMap(module -> module.getPackages().stream()).collect(Collectors.toSet());
        return new PackageConflicts(packages);
    }

    /** The failures (java.*) and warnings (other JDK packages) for a plugin's bundled packages. */
    Result check(PluginManifest plugin, String file, Set<String> bundled) {
        Objects.requireNonNull(bundled, "bundled");
        Set<String> prohibited = new TreeSet<>();
        Set<String> shadowed = new TreeSet<>();
        for (String pkg : bundled) {
            if (pkg.equals("java") || pkg.startsWith("java.")) {
                prohibited.add(pkg);
            } else if (jdkPackages.contains(pkg)) {
                shadowed.add(pkg);
            }
        }
        String who = "plugin '" + plugin.id() + "' (" + file + ")";
        List<Problem> failures = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        if (!prohibited.isEmpty()) {
            failures.add(new Problem(ProblemCode.PACKAGE_CONFLICT, who + " bundles classes in the JDK package(s) "
                    + String.join(", ", prohibited) + ", which the JVM refuses to load from a plugin (prohibited"
                    + " package name); remove them from the plugin, the JDK provides its own"));
        }
        if (!shadowed.isEmpty()) {
            warnings.add(new Problem(ProblemCode.PACKAGE_CONFLICT, who + " bundles classes in the JDK package(s) "
                    + String.join(", ", shadowed) + "; the JDK's classes of those packages are used, not the"
                    + " bundled copies, so the plugin runs against the JDK's version; remove the bundled copies (for"
                    + " example exclude the xml-apis or jaxb-api artifact) unless the plugin adds classes of its own"
                    + " there"));
        }
        return new Result(failures, warnings);
    }
}
