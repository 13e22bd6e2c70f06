package dev.patchbay.host.plugin;

import dev.patchbay.api.Extension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checks only {@code plugins verify} runs: a plugin that declares no extension (NO_EXTENSIONS), a class
 * annotated {@code @Extension} that no service file lists (EXTENSION_NOT_LISTED), and service files that the
 * plugin's class path does not read or whose name misspells an api interface (SERVICE_FILE_MISPLACED).
 *
 * <p>They read every file of the archive and parse every class file, which discovery avoids to keep start-up
 * fast, so the platform never runs them. They are code-free like discovery: class files are parsed, never
 * loaded. A plugin without extensions is legitimate at run time (a library that other plugins depend on), so
 * the platform starts it; only verify fails it. Stateless and thread-safe.
 */
final class PluginAudit {

    private static final String EXTENSION = "L" + Extension.class.getName().replace('.', '/') + ";";
    private static final String PROCESSOR_HINT = "configure the patchbay-api-processor annotation processor, which"
            + " writes the service files from the @Extension annotations at compile time"
            + " (dev.patchbay:patchbay-api-processor:1.0.0 in the maven-compiler-plugin <annotationProcessorPaths>)";

    /** A service file in the wrong place or under a wrong name, with the providers it lists. */
    private record Misplaced(PluginFiles.Entry entry, List<String> providers) {
    }

    /** What one walk over the archive found. */
    private static final class Scan implements PluginFiles.Visitor {
        final Map<String, ClassFile> classes = new HashMap<>();
        final Map<String, String> classRoots = new HashMap<>();
        final Map<ExtensionKind, Set<String>> listed = new EnumMap<>(ExtensionKind.class);
        final List<Misplaced> misplaced = new ArrayList<>();
        final List<String> strayClasses = new ArrayList<>();

        @Override
        public void visit(PluginFiles.Entry entry, PluginFiles.Content content) throws IOException {
            String path = entry.path();
            if (path.endsWith(".class")) {
                readClass(entry, content);
                return;
            }
            Optional<ExtensionKind> exact = ServiceFileNames.exactKind(path);
            if (exact.isPresent() && entry.root().classPath()) {
                listed.computeIfAbsent(exact.get(), kind -> new LinkedHashSet<>()).addAll(providers(content.read()));
            } else if (exact.isPresent() || ServiceFileNames.meantForApi(path)) {
                misplaced.add(new Misplaced(entry, providers(content.read())));
            }
        }

        private void readClass(PluginFiles.Entry entry, PluginFiles.Content content) throws IOException {
            String path = entry.path();
            if (!entry.root().classPath()) {
                strayClasses.add(entry.quoted());
                return;
            }
            String internal = path.substring(0, path.length() - ".class".length());
            if (path.startsWith("META-INF/") || internal.endsWith("module-info") || classes.containsKey(internal)) {
                return;
            }
            try {
                classes.put(internal, ClassFile.parse(content.read()));
                classRoots.put(internal, entry.root().classPathPrefix());
            } catch (IOException e) {
                // Discovery reports an unreadable factory class; the plugin's other classes are not ours to judge.
            }
        }

        boolean isListed(String className) {
            return listed.values().stream().anyMatch(names -> names.contains(className));
        }

        boolean isListedMisplaced(String className) {
            return misplaced.stream().anyMatch(file -> file.providers().contains(className));
        }

        /** The kinds whose interface a class implements, by its class files; empty when unknown or none. */
        Set<ExtensionKind> kindsOf(String internal) throws IOException {
            Set<ExtensionKind> kinds = new LinkedHashSet<>();
            for (ExtensionKind kind : ExtensionKind.values()) {
                if (implementsKind(internal, kind) == PluginDiscovery.Answer.YES) {
                    kinds.add(kind);
                }
            }
            return kinds;
        }

        /** Whether a class may be a factory: it implements a factory interface, or its hierarchy leaves the plugin. */
        boolean mayBeFactory(String internal) throws IOException {
            for (ExtensionKind kind : ExtensionKind.values()) {
                if (implementsKind(internal, kind) != PluginDiscovery.Answer.NO) {
                    return true;
                }
            }
            return false;
        }

        private PluginDiscovery.Answer implementsKind(String internal, ExtensionKind kind) throws IOException {
            String target = kind.factoryType().getName().replace('.', '/');
            PluginDiscovery.ClassLookup lookup = name -> Optional.ofNullable(classes.get(name));
            return PluginDiscovery.implementsType(internal, target, lookup, new HashSet<>());
        }
    }

    /**
     * Audits one archive.
     *
     * @param id the plugin's id, as discovery read it
     * @param archive its jar, zip or folder
     * @return the problems found, empty when there are none or the archive cannot be read (discovery reports that)
     */
    List<Problem> audit(String id, Path archive) {
        Scan scan = new Scan();
        String ownRoot;
        try {
            ownRoot = PluginFiles.walk(archive, scan);
        } catch (IOException e) {
            return List.of();
        }
        String plugin = "plugin '" + id + "' (" + archive.getFileName() + ")";
        try {
            List<Problem> problems = new ArrayList<>();
            List<String> unlisted = new ArrayList<>();
            for (Map.Entry<String, ClassFile> entry : new TreeMap<>(scan.classes).entrySet()) {
                unlisted(plugin, scan, entry.getKey(), entry.getValue()).ifPresent(problem -> {
                    unlisted.add(entry.getKey().replace('/', '.'));
                    problems.add(problem);
                });
            }
            for (Misplaced file : scan.misplaced) {
                problems.add(misplaced(plugin, scan, file));
            }
            if (scan.listed.values().stream().allMatch(Set::isEmpty)) {
                problems.add(0, noExtensions(plugin, scan, unlisted, ownRoot));
            }
            return problems;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<Problem> unlisted(String plugin, Scan scan, String internal, ClassFile classFile)
            throws IOException {
        Optional<ClassFile.Annotation> annotation = classFile.annotation(EXTENSION);
        String className = internal.replace('/', '.');
        if (annotation.isEmpty() || !classFile.isConcreteClass() || scan.isListed(className)
                || scan.isListedMisplaced(className) || !scan.mayBeFactory(internal)) {
            return Optional.empty();
        }
        Set<ExtensionKind> kinds = scan.kindsOf(internal);
        String root = scan.classRoots.get(internal);
        String serviceFile = kinds.isEmpty() ? "the service file of the factory interface it implements ('" + root
                + ServiceFileNames.SERVICES + "' followed by dev.patchbay.api.SourceFactory, ProcessorFactory or"
                + " SinkFactory)" : "'" + root + kinds.iterator().next().serviceFile() + "'";
        String name = annotation.get().strings().getOrDefault("name", "");
        return Optional.of(new Problem(ProblemCode.EXTENSION_NOT_LISTED, plugin + " has the class '" + className
                + "' annotated @Extension(name = \"" + name + "\"), but no service file lists it, so the host never"
                + " sees it; add the line '" + className + "' to " + serviceFile + ", or " + PROCESSOR_HINT));
    }

    private static Problem misplaced(String plugin, Scan scan, Misplaced file) throws IOException {
        String where = !file.entry().root().classPath()
                ? "which lies outside the plugin's class path (classes/ and lib/*.jar)"
                : "which ServiceLoader never reads: it reads only '" + ServiceFileNames.SERVICES
                        + "' followed by the exact interface name";
        String listing = file.providers().isEmpty() ? "" : " (it lists " + quoted(file.providers()) + ")";
        return new Problem(ProblemCode.SERVICE_FILE_MISPLACED, plugin + " has the service file '"
                + file.entry().quoted() + "', " + where + ", so the host never sees the factories it names" + listing
                + "; " + fix(scan, file));
    }

    /** Where a misplaced file belongs, as "move it to '...'" or "rename it to '...'". */
    private static String fix(Scan scan, Misplaced file) throws IOException {
        String found = file.entry().quoted();
        String directory = file.entry().root().classPathPrefix() + ServiceFileNames.SERVICES;
        Optional<ExtensionKind> kind = kindOf(scan, file);
        boolean moved = !ServiceFileNames.directoryOf(found).equals(directory);
        boolean renamed = kind.isEmpty() || !ServiceFileNames.nameOf(found).equals(kind.get().factoryType().getName());
        String verb = moved && renamed ? "move and rename it to" : moved ? "move it to" : "rename it to";
        return kind.isPresent() ? verb + " '" + directory + kind.get().factoryType().getName() + "'"
                : verb + " '" + directory + "' followed by the interface its classes implement:"
                        + " dev.patchbay.api.SourceFactory, ProcessorFactory or SinkFactory";
    }

    /** The kind a misplaced file was meant for: by its name, else by the classes it lists. */
    private static Optional<ExtensionKind> kindOf(Scan scan, Misplaced file) throws IOException {
        Optional<ExtensionKind> named = ServiceFileNames.kindNamed(ServiceFileNames.nameOf(file.entry().path()));
        if (named.isPresent()) {
            return named;
        }
        Set<ExtensionKind> kinds = new LinkedHashSet<>();
        for (String provider : file.providers()) {
            kinds.addAll(scan.kindsOf(provider.replace('.', '/')));
        }
        return kinds.size() == 1 ? Optional.of(kinds.iterator().next()) : Optional.empty();
    }

    private static Problem noExtensions(String plugin, Scan scan, List<String> unlisted, String ownRoot)
            throws IOException {
        String fix = "add the service file '" + ownRoot + ExtensionKind.PROCESSOR.serviceFile()
                + "' (or SourceFactory, SinkFactory) listing each factory class, one fully qualified name per line,"
                + " or " + PROCESSOR_HINT;
        String cause;
        if (!scan.misplaced.isEmpty()) {
            List<String> causes = new ArrayList<>();
            for (Misplaced file : scan.misplaced) {
                causes.add("'" + file.entry().quoted() + "', which the host does not read: " + fix(scan, file));
            }
            return new Problem(ProblemCode.NO_EXTENSIONS, plugin + " declares no extension that the host can see:"
                    + " no service file on its class path lists a source, processor or sink factory; the likely"
                    + " cause is the misplaced service file " + String.join(", and ", causes));
        } else if (!unlisted.isEmpty()) {
            cause = "; its classes annotated @Extension (" + quoted(unlisted) + ") are listed in no service file";
        } else if (!scan.strayClasses.isEmpty()) {
            int count = scan.strayClasses.size();
            cause = "; " + (count == 1 ? "the class file '" + scan.strayClasses.get(0) + "' lies"
                    : count + " class files, such as '" + scan.strayClasses.get(0) + "', lie")
                    + " outside the class path: move " + (count == 1 ? "it" : "them") + " under '" + ownRoot + "'";
        } else {
            cause = "";
        }
        return new Problem(ProblemCode.NO_EXTENSIONS, plugin + " declares no extension: no service file on its"
                + " class path lists a source, processor or sink factory" + cause + "; " + fix);
    }

    private static String quoted(List<String> values) {
        return values.stream().map(value -> "'" + value + "'").collect(Collectors.joining(", "));
    }

    private static List<String> providers(byte[] bytes) {
        return Stream.of(new String(bytes, StandardCharsets.UTF_8).split("\\R"))
                .map(line -> (line.indexOf('#') < 0 ? line : line.substring(0, line.indexOf('#'))).trim())
                .filter(line -> !line.isEmpty()).toList();
    }
}
