package dev.patchbay.host.plugin;

import dev.patchbay.api.ApiVersion;
import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.host.plugin.ClassExplanation.Copy;
import dev.patchbay.host.plugin.ClassExplanation.Relation;
import dev.patchbay.host.plugin.ClassExplanation.Rule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies {@link PatchbayClassLoader}'s rules to one class and one plugin on paper: the api and slf4j-api packages
 * from the host, then the JDK, then the plugin's own roots in order, then the packages of the dependency versions
 * resolution linked. It reads class file names from the archives ({@link ArchiveClasses}) and asks only the host's
 * own loaders for resources, so no plugin class is loaded and no plugin code runs. Not thread-safe: it caches each
 * archive it reads, for one command or one failure message.
 */
final class ClassExplainer {

    private final Path pluginsDirectory;
    private final List<DiscoveredPlugin> plugins;
    private final Map<String, List<String>> links;
    private final Versions versions;
    private final Map<Path, ArchiveClasses> read = new HashMap<>();

    /**
     * @param plugins every archive of the plugins folder, as the last resolution left it
     * @param links per plugin key, the keys of the dependency versions its loader links
     */
    ClassExplainer(Path pluginsDirectory, List<DiscoveredPlugin> plugins, Map<String, List<String>> links,
            Versions versions) {
        this.pluginsDirectory = Objects.requireNonNull(pluginsDirectory, "pluginsDirectory");
        this.plugins = plugins.stream().sorted(Comparator.comparing(plugin -> plugin.info().path())).toList();
        this.links = Map.copyOf(links);
        this.versions = Objects.requireNonNull(versions, "versions");
    }

    /** The archive of this id and version; without a version, the highest installed. */
    Optional<DiscoveredPlugin> plugin(String id, Optional<String> version) {
        return plugins.stream().filter(plugin -> plugin.id().equals(id))
                .filter(plugin -> version.map(plugin.info().version()::equals).orElse(true))
                .max((a, b) -> versions.compare(a.info().version(), b.info().version()));
    }

    ClassExplanation explain(ClassName name, DiscoveredPlugin target) {
        Origin origin = origin(name, target);
        PluginInfo info = target.info();
        return new ClassExplanation(name.binaryName(), info.id(), info.version(), info.state(), origin.rule,
                origin.from, origin.file, origin.why, others(name, target, origin));
    }

    /** The file the plugin's own loader defines the class from, such as {@code plugins/a.zip!lib/x-1.jar}. */
    Optional<String> ownFile(DiscoveredPlugin plugin, ClassName name) {
        return classes(plugin).first(name.entry()).map(this::label);
    }

    private record Origin(Rule rule, String from, String file, String why, DiscoveredPlugin provider,
            String providerRoot) {
        static Origin notVisible(String why) {
            return new Origin(Rule.NOT_VISIBLE, "", "", why, null, null);
        }
    }

    private Origin origin(ClassName name, DiscoveredPlugin target) {
        String entry = name.entry();
        String pkg = name.packageName();
        String plugin = describe(target);
        if (pkg.equals(PatchbayClassLoader.API_PACKAGE) || pkg.startsWith(PatchbayClassLoader.API_PACKAGE + ".")) {
            URL url = ExtensionFactory.class.getClassLoader().getResource(entry);
            if (url == null) {
                return Origin.notVisible(name + " is in the api's package, which " + plugin + " always gets from the"
                        + " host, but this host's api " + ApiVersion.current() + " has no such class: the plugin was"
                        + " built against a newer api; install a version of '" + target.id() + "' built for api "
                        + ApiVersion.current() + ", or upgrade the host");
            }
            return new Origin(Rule.API, "the host (api " + ApiVersion.current() + ")", location(url),
                    "dev.patchbay.api is always the host's, so that every plugin and the host share one copy",
                    null, null);
        }
        if (PatchbayClassLoader.SLF4J_PACKAGES.contains(pkg)) {
            URL url = org.slf4j.Logger.class.getClassLoader().getResource(entry);
            if (url == null) {
                return Origin.notVisible(name + " is in an slf4j-api package, which " + plugin + " always gets from"
                        + " the host, but the host's slf4j-api has no such class; use the slf4j 2 api only");
            }
            return new Origin(Rule.SLF4J, "the host (slf4j-api)", location(url),
                    "the slf4j-api packages are always the host's, so that plugin logging goes to the host's log",
                    null, null);
        }
        URL jdk = ClassLoader.getPlatformClassLoader().getResource(entry);
        if (jdk != null) {
            return new Origin(Rule.JDK, "the JDK (" + module(jdk) + ")", jdk.toString(),
                    "the JDK comes before the plugin's own classes, so a copy of a JDK class in a plugin is never "
                            + "used", null, null);
        }
        Optional<ArchiveClasses.Root> own = classes(target).first(entry);
        if (own.isPresent()) {
            return new Origin(Rule.OWN, plugin, label(own.get()), "the plugin's own roots come after the JDK and the "
                    + "host's api, in order: classes/, then lib/*.jar by name", target, own.get().file());
        }
        for (DiscoveredPlugin dependency : linked(target)) {
            ArchiveClasses classes = classes(dependency);
            if (classes.withPackage(pkg).isEmpty()) {
                continue;
            }
            Optional<ArchiveClasses.Root> root = classes.first(entry);
            if (root.isEmpty()) {
                return Origin.notVisible(plugin + " takes package " + pkg + " from its dependency "
                        + describe(dependency) + ", which has no class " + name + ": a newer or older version of '"
                        + dependency.id() + "' than the plugin was built against; install the version of '"
                        + dependency.id() + "' it was built with, or narrow its Plugin-Dependencies range to it");
            }
            return new Origin(Rule.DEPENDENCY, describe(dependency), label(root.get()), "package " + pkg + " is in "
                    + "its dependency '" + dependency.id() + "' (Plugin-Dependencies), and the plugin has no copy of "
                    + "its own", dependency, root.get().file());
        }
        return Origin.notVisible(notVisible(name, target));
    }

    private String notVisible(ClassName name, DiscoveredPlugin target) {
        String plugin = describe(target);
        String sees = plugin + " sees only the JDK, dev.patchbay.api, slf4j-api, its own jar or classes/ and lib/, "
                + "and the packages of the plugins in its Plugin-Dependencies";
        URL host = ClassExplainer.class.getClassLoader().getResource(name.entry());
        if (host != null) {
            return name + " is a class of the host (" + location(host) + "), which plugins never see; " + sees
                    + "; bundle the library that provides it in the plugin's lib/ folder (a zip or folder plugin)";
        }
        List<DiscoveredPlugin> holders = plugins.stream().filter(other -> other != target)
                .filter(other -> !classes(other).containing(name.entry()).isEmpty()).toList();
        for (DiscoveredPlugin holder : holders) {
            boolean declared = target.info().dependencies().stream()
                    .anyMatch(dependency -> dependency.pluginId().equals(holder.id()));
            if (declared) {
                return name + " is in " + describe(holder) + " (" + label(classes(holder).first(name.entry())
                        .orElseThrow()) + "), which " + plugin + " declares in Plugin-Dependencies but does not "
                        + "link (it is " + holder.info().state() + ", or outside the declared range); fix or enable '"
                        + holder.id() + "', or install a version of it in range";
            }
        }
        if (!holders.isEmpty()) {
            DiscoveredPlugin holder = holders.get(0);
            return name + " is in " + describe(holder) + " (" + label(classes(holder).first(name.entry())
                    .orElseThrow()) + "), but " + sees + "; add '" + holder.id() + "' to Plugin-Dependencies, or "
                    + "bundle the library in the plugin's lib/ folder";
        }
        return "no archive in the plugins folder and no library of the host has " + name + "; " + sees
                + "; bundle the library that provides it in the plugin's lib/ folder (a zip or folder plugin)";
    }

    private List<Copy> others(ClassName name, DiscoveredPlugin target, Origin origin) {
        String entry = name.entry();
        String pkg = name.packageName();
        boolean api = pkg.equals(PatchbayClassLoader.API_PACKAGE)
                || pkg.startsWith(PatchbayClassLoader.API_PACKAGE + ".");
        List<DiscoveredPlugin> linked = linked(target);
        List<Copy> copies = new ArrayList<>();
        for (DiscoveredPlugin plugin : plugins) {
            ArchiveClasses classes = classes(plugin);
            List<ArchiveClasses.Root> holding = classes.containing(entry);
            for (ArchiveClasses.Root root : holding) {
                if (plugin == origin.provider && root.file().equals(origin.providerRoot)) {
                    continue;
                }
                copies.add(copy(plugin, root, relation(plugin, target, linked, api),
                        note(plugin, target, linked, origin, api)));
            }
            if (holding.isEmpty() && !pkg.isEmpty() && plugin != origin.provider) {
                classes.withPackage(pkg).stream().findFirst().ifPresent(root -> copies.add(copy(plugin, root,
                        Relation.SPLIT_PACKAGE, describe(plugin) + " has other classes of package " + pkg
                                + (plugin == target ? "" : linked.contains(plugin) && origin.rule == Rule.OWN
                                        ? ", and " + describe(target) + " takes the package's other classes from it:"
                                        + " one package from two loaders (a split package)"
                                        : ": a split package, harmless while no plugin takes the package from both"))));
            }
        }
        return copies;
    }

    private static Relation relation(DiscoveredPlugin plugin, DiscoveredPlugin target, List<DiscoveredPlugin> linked,
            boolean api) {
        if (api) {
            return Relation.BUNDLED_API;
        }
        if (plugin == target || linked.contains(plugin)) {
            return Relation.SHADOWED;
        }
        return Relation.CONFLICT;
    }

    private String note(DiscoveredPlugin plugin, DiscoveredPlugin target, List<DiscoveredPlugin> linked,
            Origin origin, boolean api) {
        if (api) {
            return describe(plugin) + " bundles an api class; every plugin uses the host's, so remove it (mark "
                    + "patchbay-api <scope>provided</scope>)";
        }
        if (plugin == target) {
            return origin.rule == Rule.OWN ? "a later root of the plugin itself: never used, " + origin.file
                    + " comes first" : "never used: " + origin.from + " comes first";
        }
        if (linked.contains(plugin)) {
            return origin.rule == Rule.OWN ? "hidden by " + describe(target) + "'s own copy: objects of this class "
                    + "passed between the two plugins fail with ClassCastException or LinkageError; remove the copy "
                    + "from '" + target.id() + "' to use the dependency's"
                    : "never used by '" + target.id() + "': " + origin.from + " comes first";
        }
        return "another copy: each plugin that loads it has its own class, so objects of it passed between them "
                + "fail with ClassCastException or LinkageError";
    }

    private Copy copy(DiscoveredPlugin plugin, ArchiveClasses.Root root, Relation relation, String note) {
        return new Copy(plugin.id(), plugin.info().version(), label(root), relation, note);
    }

    /** The dependency versions the plugin's loader links: resolution's choice, or for an unresolved plugin its best. */
    private List<DiscoveredPlugin> linked(DiscoveredPlugin target) {
        List<String> keys = links.get(target.key());
        if (keys != null) {
            return keys.stream().flatMap(key -> plugins.stream().filter(plugin -> plugin.key().equals(key))
                    .findFirst().stream()).toList();
        }
        List<DiscoveredPlugin> chosen = new ArrayList<>();
        for (PluginDependency dependency : target.info().dependencies()) {
            plugins.stream().filter(plugin -> plugin.id().equals(dependency.pluginId()))
                    .filter(plugin -> versions.isValidVersion(plugin.info().version())
                            && versions.satisfies(plugin.info().version(), dependency.versionRange()))
                    .max((a, b) -> versions.compare(a.info().version(), b.info().version()))
                    .ifPresent(chosen::add);
        }
        return chosen;
    }

    private ArchiveClasses classes(DiscoveredPlugin plugin) {
        return read.computeIfAbsent(plugin.info().path(), path -> {
            try {
                return ArchiveClasses.read(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the class files of plugin '" + plugin.id() + "' ("
                        + path.getFileName() + "): " + e.getMessage() + "; replace it with an intact copy", e);
            }
        });
    }

    private String label(ArchiveClasses.Root root) {
        Path folder = pluginsDirectory.getFileName();
        return folder == null ? root.file() : folder + "/" + root.file();
    }

    static String describe(DiscoveredPlugin plugin) {
        String version = plugin.info().version();
        return "plugin '" + plugin.id() + "'" + (version.isEmpty() ? "" : " " + version);
    }

    /** A jar or folder of the host's class path, as a path; a jrt or other URL as it is. */
    private static String location(URL url) {
        String text = url.toString();
        if (text.startsWith("jar:file:")) {
            int bang = text.indexOf("!/");
            return Path.of(java.net.URI.create(text.substring(4, bang < 0 ? text.length() : bang))).toString();
        }
        return text;
    }

    private static String module(URL jdk) {
        String path = jdk.getPath();
        int slash = path.indexOf('/', 1);
        return "jrt".equals(jdk.getProtocol()) && slash > 0 ? path.substring(1, slash) : "platform class loader";
    }
}
