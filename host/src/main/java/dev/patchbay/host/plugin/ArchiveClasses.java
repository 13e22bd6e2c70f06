package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * The class files of one archive in the plugins folder, per class path root in the order its class loader reads them
 * ({@code classes/}, then {@code lib/*.jar} by name; a jar is its own root), read straight from the archive: no zip
 * is exploded and no class is loaded, so it works for disabled and failed plugins too. Each root is named as the
 * operator finds it: {@code a.zip!lib/x-1.jar}, {@code a/lib/x-1.jar}, {@code a.jar}.
 *
 * @param archive the jar, zip or folder
 * @param roots the class path roots, in loading order
 */
record ArchiveClasses(Path archive, List<Root> roots) {

    /**
     * One class path root.
     *
     * @param file the root as the operator finds it, relative to the plugins folder
     * @param entries the entry names of its class files, such as {@code com/acme/Widget.class}
     */
    record Root(String file, Set<String> entries) {
        Root {
            entries = Set.copyOf(entries);
        }

        boolean hasPackage(String packageName) {
            String prefix = packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
            return entries.stream().anyMatch(entry -> entry.startsWith(prefix)
                    && entry.indexOf('/', prefix.length()) < 0);
        }
    }

    ArchiveClasses {
        roots = List.copyOf(roots);
    }

    /** Reads an archive; an archive that is not a plugin shape has no roots. */
    static ArchiveClasses read(Path archive) throws IOException {
        Optional<PluginArchive> shape = PluginArchive.of(archive);
        String name = archive.getFileName().toString();
        if (shape.isEmpty()) {
            return new ArchiveClasses(archive, List.of());
        }
        return switch (shape.get()) {
            case JAR -> new ArchiveClasses(archive, List.of(new Root(name, jarEntries(archive))));
            case FOLDER -> new ArchiveClasses(archive, folder(archive, name));
            case ZIP -> new ArchiveClasses(archive, zip(archive, name));
        };
    }

    /** The first root holding this class file, which is the one the plugin's own loader defines it from. */
    Optional<Root> first(String entry) {
        return roots.stream().filter(root -> root.entries().contains(entry)).findFirst();
    }

    /** Every root holding this class file, in loading order. */
    List<Root> containing(String entry) {
        return roots.stream().filter(root -> root.entries().contains(entry)).toList();
    }

    /** Every root with a class of this package, in loading order. */
    List<Root> withPackage(String packageName) {
        return roots.stream().filter(root -> root.hasPackage(packageName)).toList();
    }

    private static Set<String> jarEntries(Path jar) throws IOException {
        Set<String> entries = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                addClass(entries, all.nextElement().getName());
            }
        }
        return entries;
    }

    private static List<Root> folder(Path folder, String name) throws IOException {
        List<Root> roots = new ArrayList<>();
        Path classes = folder.resolve("classes");
        if (Files.isDirectory(classes)) {
            Set<String> entries = new HashSet<>();
            try (Stream<Path> files = Files.walk(classes)) {
                files.filter(Files::isRegularFile)
                        .forEach(file -> addClass(entries, classes.relativize(file).toString().replace('\\', '/')));
            }
            roots.add(new Root(name + "/classes/", entries));
        }
        Path lib = folder.resolve("lib");
        if (Files.isDirectory(lib)) {
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> found = Files.newDirectoryStream(lib, "*.jar")) {
                found.forEach(jars::add);
            }
            jars.sort(null);
            for (Path jar : jars) {
                roots.add(new Root(name + "/lib/" + jar.getFileName(), jarEntries(jar)));
            }
        }
        return roots;
    }

    private static List<Root> zip(Path archive, String name) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            String top = zip.getEntry(PluginArchive.MANIFEST) != null ? ""
                    : PluginArchive.singleTopFolder(zip).orElse("");
            Set<String> classes = new LinkedHashSet<>();
            TreeMap<String, Set<String>> libs = new TreeMap<>();
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                String path = entry.getName();
                if (entry.isDirectory() || !path.startsWith(top)) {
                    continue;
                }
                String inner = path.substring(top.length());
                if (inner.startsWith("classes/")) {
                    addClass(classes, inner.substring("classes/".length()));
                } else if (inner.startsWith("lib/") && inner.endsWith(".jar") && inner.indexOf('/', 4) < 0) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        libs.put(inner, nestedEntries(in));
                    }
                }
            }
            List<Root> roots = new ArrayList<>();
            if (!classes.isEmpty()) {
                roots.add(new Root(name + "!" + top + "classes/", classes));
            }
            libs.forEach((inner, entries) -> roots.add(new Root(name + "!" + top + inner, entries)));
            return roots;
        }
    }

    private static Set<String> nestedEntries(InputStream in) throws IOException {
        Set<String> entries = new HashSet<>();
        ZipInputStream nested = new ZipInputStream(in);
        for (ZipEntry entry = nested.getNextEntry(); entry != null; entry = nested.getNextEntry()) {
            addClass(entries, entry.getName());
        }
        return entries;
    }

    private static void addClass(Set<String> entries, String name) {
        if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
            entries.add(name);
        }
    }
}
