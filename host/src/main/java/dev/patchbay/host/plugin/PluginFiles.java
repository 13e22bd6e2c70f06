package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Walks every file of a plugin archive, inside and outside its class path, without exploding a zip and
 * without a class loader: the jar's entries; or a folder's (or zip's) {@code classes/} files, the entries of
 * each {@code lib/*.jar}, and every other file of the folder. Discovery reads only the class path; the verify
 * audit also needs what lies beside it, such as a {@code META-INF/services} folder at the root of a folder
 * plugin. Stateless.
 */
final class PluginFiles {

    private static final Pattern LIB_JAR = Pattern.compile("lib/[^/]+\\.jar");

    /**
     * Where a file sits.
     *
     * @param prefix how the archive shows the root in quoted paths: {@code ""} for a jar or a folder plugin's
     *               root, {@code classes/}, {@code lib/x.jar!/}, with a zip's top-level folder in front
     * @param classPath whether the plugin's class path reads this root
     * @param classPathPrefix the prefix of the class path root a file of this root belongs in: the root itself
     *                        when it is on the class path, {@code classes/} for the rest of a folder
     */
    record Root(String prefix, boolean classPath, String classPathPrefix) {
    }

    /** One file: its root and its path inside that root. */
    record Entry(Root root, String path) {
        /** The path as the archive shows it, such as {@code lib/geo.jar!/META-INF/services/x}. */
        String quoted() {
            return root.prefix() + path;
        }
    }

    /** The bytes of the file being visited; readable only during the visit. */
    @FunctionalInterface
    interface Content {
        byte[] read() throws IOException;
    }

    @FunctionalInterface
    interface Visitor {
        void visit(Entry entry, Content content) throws IOException;
    }

    private PluginFiles() {
    }

    /**
     * Visits every file of an archive, class path roots in class path order.
     *
     * @return the prefix of the root where the plugin's own classes and service files belong: {@code ""} for
     *         a jar, {@code classes/} for a folder or zip (after a zip's top-level folder, if any)
     * @throws IOException if the archive or a {@code lib/} jar cannot be read
     */
    static String walk(Path archive, Visitor visitor) throws IOException {
        PluginArchive shape = PluginArchive.of(archive).orElse(PluginArchive.JAR);
        return switch (shape) {
            case JAR -> {
                try (ZipFile jar = new ZipFile(archive.toFile())) {
                    walkJar(jar, new Root("", true, ""), visitor);
                }
                yield "";
            }
            case FOLDER -> walkFolder(archive, visitor);
            case ZIP -> walkZip(archive, visitor);
        };
    }

    private static String walkFolder(Path folder, Visitor visitor) throws IOException {
        Root classes = new Root("classes/", true, "classes/");
        Root outside = new Root("", false, "classes/");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String path = folder.relativize(file).toString().replace('\\', '/');
            if (path.startsWith("classes/")) {
                visitor.visit(new Entry(classes, path.substring("classes/".length())), () -> Files.readAllBytes(file));
            }
        }
        for (Path file : files) {
            String path = folder.relativize(file).toString().replace('\\', '/');
            if (LIB_JAR.matcher(path).matches()) {
                try (ZipFile jar = new ZipFile(file.toFile())) {
                    walkJar(jar, new Root(path + "!/", true, path + "!/"), visitor);
                }
            } else if (!path.startsWith("classes/")) {
                visitor.visit(new Entry(outside, path), () -> Files.readAllBytes(file));
            }
        }
        return "classes/";
    }

    private static String walkZip(Path archive, Visitor visitor) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            String top = zip.getEntry(PluginArchive.MANIFEST) != null ? ""
                    : PluginArchive.singleTopFolder(zip).orElse("");
            Root classes = new Root(top + "classes/", true, top + "classes/");
            Root outside = new Root(top, false, top + "classes/");
            for (ZipEntry entry : files(zip)) {
                String path = relative(entry, top);
                if (path.startsWith("classes/")) {
                    visitor.visit(new Entry(classes, path.substring("classes/".length())), () -> read(zip, entry));
                }
            }
            for (ZipEntry entry : files(zip)) {
                String path = relative(entry, top);
                if (LIB_JAR.matcher(path).matches()) {
                    Root lib = new Root(top + path + "!/", true, top + path + "!/");
                    try (ZipInputStream nested = new ZipInputStream(zip.getInputStream(entry))) {
                        for (ZipEntry inner = nested.getNextEntry(); inner != null; inner = nested.getNextEntry()) {
                            if (!inner.isDirectory()) {
                                visitor.visit(new Entry(lib, inner.getName()), nested::readAllBytes);
                            }
                        }
                    }
                } else if (!path.startsWith("classes/")) {
                    Root root = entry.getName().startsWith(top) ? outside : new Root("", false, top + "classes/");
                    visitor.visit(new Entry(root, path), () -> read(zip, entry));
                }
            }
            return top + "classes/";
        }
    }

    private static void walkJar(ZipFile jar, Root root, Visitor visitor) throws IOException {
        for (ZipEntry entry : files(jar)) {
            visitor.visit(new Entry(root, entry.getName()), () -> read(jar, entry));
        }
    }

    private static List<ZipEntry> files(ZipFile zip) {
        List<ZipEntry> files = new java.util.ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (!entry.isDirectory()) {
                files.add(entry);
            }
        }
        return files;
    }

    private static String relative(ZipEntry entry, String top) {
        String name = entry.getName();
        return name.startsWith(top) ? name.substring(top.length()) : name;
    }

    private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
