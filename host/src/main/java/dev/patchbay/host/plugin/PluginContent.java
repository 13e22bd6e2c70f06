package dev.patchbay.host.plugin;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Read-only access to the entries of a plugin's class path roots (its jar, or its {@code classes/} folder
 * and {@code lib/*.jar}) without a class loader. Not thread-safe: one discovery task owns it.
 */
final class PluginContent implements Closeable {

    /** One class path root: a directory or an open jar. */
    private sealed interface Root permits DirectoryRoot, JarRoot {
        Path path();

        Optional<byte[]> read(String entry) throws IOException;

        Stream<String> entryNames() throws IOException;

        void close() throws IOException;
    }

    private record DirectoryRoot(Path path) implements Root {
        @Override
        public Optional<byte[]> read(String entry) throws IOException {
            Path file = path.resolve(entry);
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        }

        @Override
        public Stream<String> entryNames() throws IOException {
            try (Stream<Path> files = Files.walk(path)) {
                return files.filter(Files::isRegularFile)
                        .map(file -> path.relativize(file).toString().replace('\\', '/'))
                        .toList().stream();
            }
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    private record JarRoot(Path path, ZipFile zip) implements Root {
        @Override
        public Optional<byte[]> read(String entry) throws IOException {
            ZipEntry zipEntry = zip.getEntry(entry);
            if (zipEntry == null || zipEntry.isDirectory()) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(zipEntry)) {
                return Optional.of(in.readAllBytes());
            }
        }

        @Override
        public Stream<String> entryNames() {
            List<String> names = new ArrayList<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory()) {
                    names.add(entry.getName());
                }
            }
            return names.stream();
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    /** A root that could not be opened, with the reason. */
    static final class UnreadableRootException extends IOException {
        private static final long serialVersionUID = 1L;

        private final Path root;

        UnreadableRootException(Path root, IOException cause) {
            super("cannot open '" + root + "': " + cause.getMessage(), cause);
            this.root = root;
        }

        Path root() {
            return root;
        }
    }

    /** Receives one class file as a stream, open only during the call, and its size (-1 if unknown). */
    @FunctionalInterface
    interface ClassFileVisitor {
        void visit(Path root, String entry, InputStream in, long size) throws IOException;
    }

    private final List<Root> roots;
    // Discovery asks for each service file twice (the factory checks and the linkage check's entry points).
    private final Map<String, List<String>> providers = new HashMap<>();

    private PluginContent(List<Root> roots) {
        this.roots = List.copyOf(roots);
    }

    /**
     * Opens the roots in order. Directories are used as they are; anything else is opened as a jar.
     *
     * @throws UnreadableRootException naming the first root that is not a readable jar
     */
    static PluginContent open(List<Path> paths) throws UnreadableRootException {
        List<Root> opened = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                opened.add(new DirectoryRoot(path));
                continue;
            }
            try {
                opened.add(new JarRoot(path, new ZipFile(path.toFile())));
            } catch (IOException e) {
                for (Root root : opened) {
                    try {
                        root.close();
                    } catch (IOException closing) {
                        e.addSuppressed(closing);
                    }
                }
                throw new UnreadableRootException(path, e);
            }
        }
        return new PluginContent(opened);
    }

    /** The bytes of the first entry of this name across the roots. */
    Optional<byte[]> read(String entry) throws IOException {
        for (Root root : roots) {
            Optional<byte[]> bytes = root.read(entry);
            if (bytes.isPresent()) {
                return bytes;
            }
        }
        return Optional.empty();
    }

    /**
     * Hands every class file of every root to the visitor, in root order; a folder's files in name order, a jar's
     * in the order of its entries. The visitor reads as much of each as it needs.
     */
    void forEachClassFile(ClassFileVisitor visitor) throws IOException {
        for (Root root : roots) {
            if (root instanceof JarRoot jar) {
                Enumeration<? extends ZipEntry> entries = jar.zip().entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (!entry.isDirectory() && entry.getName().endsWith(".class")) {
                        try (InputStream in = jar.zip().getInputStream(entry)) {
                            visitor.visit(root.path(), entry.getName(), in, entry.getSize());
                        }
                    }
                }
                continue;
            }
            List<String> names;
            try (Stream<String> all = root.entryNames()) {
                names = all.filter(name -> name.endsWith(".class")).sorted().toList();
            }
            for (String name : names) {
                Path file = root.path().resolve(name);
                try (InputStream in = Files.newInputStream(file)) {
                    visitor.visit(root.path(), name, in, Files.size(file));
                }
            }
        }
    }

    /** The provider lines of a service file in every root, in root order, without comments and blanks. */
    List<String> serviceProviders(String serviceFile) throws IOException {
        List<String> known = providers.get(serviceFile);
        if (known == null) {
            known = readProviders(serviceFile);
            providers.put(serviceFile, known);
        }
        return known;
    }

    private List<String> readProviders(String serviceFile) throws IOException {
        Set<String> providers = new LinkedHashSet<>();
        for (Root root : roots) {
            Optional<byte[]> bytes = root.read(serviceFile);
            if (bytes.isEmpty()) {
                continue;
            }
            for (String line : new String(bytes.get(), StandardCharsets.UTF_8).split("\\R")) {
                int hash = line.indexOf('#');
                String provider = (hash < 0 ? line : line.substring(0, hash)).trim();
                if (!provider.isEmpty()) {
                    providers.add(provider);
                }
            }
        }
        return List.copyOf(providers);
    }

    /** The dotted names of every package holding a class file, across the roots. */
    Set<String> packages() throws IOException {
        Set<String> packages = new LinkedHashSet<>();
        for (Root root : roots) {
            try (Stream<String> names = root.entryNames()) {
                names.filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/"))
                        .forEach(name -> {
                            int slash = name.lastIndexOf('/');
                            packages.add(slash < 0 ? "" : name.substring(0, slash).replace('/', '.'));
                        });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return packages;
    }

    /** The roots that contain classes of an internal-name prefix such as {@code dev/patchbay/api/}. */
    List<Path> rootsContaining(String prefix) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Root root : roots) {
            try (Stream<String> names = root.entryNames()) {
                if (names.anyMatch(name -> name.startsWith(prefix) && name.endsWith(".class"))) {
                    found.add(root.path());
                }
            }
        }
        return found;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Root root : roots) {
            try {
                root.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
