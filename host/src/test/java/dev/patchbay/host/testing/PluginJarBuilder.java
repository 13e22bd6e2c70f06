package dev.patchbay.host.testing;

import dev.patchbay.api.ExtensionFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Writes real plugin archives for tests: compiles Java sources against the api (and slf4j-api) with the
 * system Java compiler, then lays out a jar, a zip or a folder with a manifest, service files, classes,
 * resources and bundled {@code lib/} jars.
 *
 * <p>Layouts: a jar holds everything at its root; a folder holds {@code META-INF/MANIFEST.MF},
 * {@code classes/} (classes, service files, resources) and {@code lib/}; a zip is that folder zipped.
 * Builders are mutable and not thread-safe; compiled classes are cached until the sources change.
 */
public final class PluginJarBuilder {

    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, List<String>> services = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();
    private final Map<String, byte[]> rootFiles = new LinkedHashMap<>();
    private final List<Path> classpath = new ArrayList<>();
    private final List<Path> libs = new ArrayList<>();
    private Path api;
    private boolean manifest = true;
    private String fileName;
    private Map<String, byte[]> compiled;

    private PluginJarBuilder() {
    }

    /** A plugin with this id, version 1.0.0, requiring api {@code >=1.0.0 & <2.0.0}. */
    public static PluginJarBuilder plugin(String id) {
        PluginJarBuilder builder = new PluginJarBuilder();
        builder.attributes.put("Plugin-Id", id);
        builder.attributes.put("Plugin-Version", "1.0.0");
        builder.attributes.put("Plugin-Provider", "Patchbay tests");
        builder.attributes.put("Plugin-License", "Apache-2.0");
        builder.attributes.put("Plugin-Description", "Test plugin " + id);
        builder.attributes.put("Plugin-Requires", ">=1.0.0 & <2.0.0");
        builder.fileName = id;
        return builder;
    }

    /** A plain library jar (no plugin attributes), for {@code lib/} or as a compile dependency. */
    public static PluginJarBuilder library(String fileName) {
        PluginJarBuilder builder = new PluginJarBuilder();
        builder.fileName = fileName;
        return builder;
    }

    /** A copy with another id and file name that shares the compiled classes, for many similar plugins. */
    public PluginJarBuilder withId(String id) {
        PluginJarBuilder copy = new PluginJarBuilder();
        copy.attributes.putAll(attributes);
        copy.attributes.put("Plugin-Id", id);
        copy.sources.putAll(sources);
        services.forEach((k, v) -> copy.services.put(k, new ArrayList<>(v)));
        copy.resources.putAll(resources);
        copy.rootFiles.putAll(rootFiles);
        copy.classpath.addAll(classpath);
        copy.libs.addAll(libs);
        copy.manifest = manifest;
        copy.fileName = id;
        copy.compiled = compiled();
        return copy;
    }

    public PluginJarBuilder version(String version) {
        return attribute("Plugin-Version", version);
    }

    public PluginJarBuilder requires(String range) {
        return attribute("Plugin-Requires", range);
    }

    public PluginJarBuilder dependencies(String dependencies) {
        return attribute("Plugin-Dependencies", dependencies);
    }

    public PluginJarBuilder attribute(String name, String value) {
        attributes.put(name, value);
        return this;
    }

    public PluginJarBuilder withoutAttribute(String name) {
        attributes.remove(name);
        return this;
    }

    /** Writes no META-INF/MANIFEST.MF at all. */
    public PluginJarBuilder withoutManifest() {
        manifest = false;
        return this;
    }

    public PluginJarBuilder fileName(String name) {
        fileName = name;
        return this;
    }

    /** Adds a compilation unit; {@code className} is the fully qualified name of its top-level class. */
    public PluginJarBuilder source(String className, String code) {
        sources.put(className, code);
        compiled = null;
        return this;
    }

    /** Adds lines to the service file of an api factory interface, such as {@code ProcessorFactory}. */
    public PluginJarBuilder service(Class<? extends ExtensionFactory> factoryType, String... classNames) {
        return serviceLines("META-INF/services/" + factoryType.getName(), classNames);
    }

    /** Adds lines to any service file. */
    public PluginJarBuilder serviceLines(String serviceFile, String... lines) {
        services.computeIfAbsent(serviceFile, k -> new ArrayList<>()).addAll(List.of(lines));
        return this;
    }

    /** A processor factory class with this name and {@code @Extension} name, and its service file line. */
    public PluginJarBuilder processor(String className, String extensionName) {
        source(className, Sources.processor(className, extensionName, ""));
        return service(dev.patchbay.api.ProcessorFactory.class, className);
    }

    public PluginJarBuilder resource(String path, String content) {
        return resource(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public PluginJarBuilder resource(String path, byte[] content) {
        resources.put(path, content.clone());
        return this;
    }

    /**
     * A file at the root of the archive: beside META-INF/MANIFEST.MF and outside {@code classes/} in the
     * folder and zip layouts (where the plugin's class path does not read it), at the jar's root in a jar.
     */
    public PluginJarBuilder rootFile(String path, String content) {
        return rootFile(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public PluginJarBuilder rootFile(String path, byte[] content) {
        rootFiles.put(path, content.clone());
        return this;
    }

    /** A raw class file entry, for corrupt or hand-made classes. */
    public PluginJarBuilder classFile(String className, byte[] bytes) {
        return resource(className.replace('.', '/') + ".class", bytes);
    }

    /** Compiles against these jars or folders too (dependencies, libraries). */
    public PluginJarBuilder compileAgainst(Path... entries) {
        classpath.addAll(List.of(entries));
        compiled = null;
        return this;
    }

    /** Compiles against this copy of the api instead of the host's (a newer api, for the linkage check). */
    public PluginJarBuilder compileAgainstApi(Path apiClasses) {
        api = apiClasses;
        compiled = null;
        return this;
    }

    /** Bundles a jar in {@code lib/} (folder and zip layouts). */
    public PluginJarBuilder lib(Path jar) {
        libs.add(jar);
        return this;
    }

    /** The class files compiled from the sources, by entry name. */
    public Map<String, byte[]> compiled() {
        if (compiled == null) {
            compiled = compile(sources, classpath, api == null ? apiLocation() : api);
        }
        return compiled;
    }

    /** Writes {@code <fileName>.jar} into the folder, everything at the jar's root. */
    public Path buildJar(Path directory) {
        if (!libs.isEmpty()) {
            throw new IllegalStateException("a jar plugin cannot bundle lib/ jars; use buildZip or buildFolder");
        }
        Path jar = directory.resolve(fileName + ".jar");
        writeZip(jar, entries(""));
        return jar;
    }

    /** Writes {@code <fileName>.zip}: the folder layout, zipped. */
    public Path buildZip(Path directory) {
        Path zip = directory.resolve(fileName + ".zip");
        writeZip(zip, folderEntries());
        return zip;
    }

    /** Writes {@code <fileName>.zip} with the folder layout inside one top-level folder {@code <fileName>/}. */
    public Path buildZipWithTopFolder(Path directory) {
        Path zip = directory.resolve(fileName + ".zip");
        Map<String, byte[]> entries = new TreeMap<>();
        folderEntries().forEach((name, bytes) -> entries.put(fileName + "/" + name, bytes));
        writeZip(zip, entries);
        return zip;
    }

    /** Writes the folder {@code <fileName>/} with META-INF/MANIFEST.MF, classes/ and lib/. */
    public Path buildFolder(Path directory) {
        Path folder = directory.resolve(fileName);
        try {
            for (Map.Entry<String, byte[]> entry : folderEntries().entrySet()) {
                Path file = folder.resolve(entry.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, entry.getValue());
            }
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    private Map<String, byte[]> folderEntries() {
        Map<String, byte[]> entries = new TreeMap<>();
        if (manifest) {
            entries.put("META-INF/MANIFEST.MF", manifestBytes());
        }
        entries.putAll(entries("classes/").entrySet().stream().filter(e -> !e.getKey().equals("classes/META-INF/MANIFEST.MF"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        entries.putAll(rootFiles);
        for (Path lib : libs) {
            try {
                entries.put("lib/" + lib.getFileName(), Files.readAllBytes(lib));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }

    private Map<String, byte[]> entries(String prefix) {
        Map<String, byte[]> entries = new TreeMap<>();
        if (manifest && prefix.isEmpty()) {
            entries.put("META-INF/MANIFEST.MF", manifestBytes());
        }
        compiled().forEach((name, bytes) -> entries.put(prefix + name, bytes));
        services.forEach((file, lines) -> entries.put(prefix + file,
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
        resources.forEach((name, bytes) -> entries.put(prefix + name, bytes));
        if (prefix.isEmpty()) {
            entries.putAll(rootFiles);
        }
        return entries;
    }

    private byte[] manifestBytes() {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((name, value) -> mf.getMainAttributes().put(new Attributes.Name(name), value));
        try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            mf.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeZip(Path target, Map<String, byte[]> entries) {
        try (OutputStream file = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the api classes the host runs with live: a jar or a classes folder. */
    public static Path apiLocation() {
        return locationOf(ExtensionFactory.class);
    }

    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    /**
     * Compiles sources with the system Java compiler against the api, slf4j-api and the extra entries.
     *
     * @return class files by entry name, such as {@code com/example/Foo.class}
     * @throws AssertionError with the compiler's diagnostics if compilation fails
     */
    public static Map<String, byte[]> compile(Map<String, String> sources, List<Path> extraClasspath) {
        return compile(sources, extraClasspath, apiLocation());
    }

    /** As {@link #compile(Map, List)}, against this api jar or classes folder. */
    public static Map<String, byte[]> compile(Map<String, String> sources, List<Path> extraClasspath, Path api) {
        if (sources.isEmpty()) {
            return Map.of();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        List<Path> path = new ArrayList<>();
        path.add(api);
        path.add(locationOf(org.slf4j.Logger.class));
        path.addAll(extraClasspath);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path output = null;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            output = Files.createTempDirectory("plugin-jar-builder-");
            List<JavaFileObject> units = sources.entrySet().stream()
                    .map(e -> (JavaFileObject) new SourceObject(e.getKey(), e.getValue())).toList();
            List<String> options = List.of("-d", output.toString(), "-proc:none", "--release", "17", "-classpath",
                    path.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
            boolean ok = compiler.getTask(null, files, diagnostics, options, null, units).call();
            if (!ok) {
                throw new AssertionError("test plugin sources do not compile:\n" + diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(Object::toString)
                        .collect(Collectors.joining("\n")));
            }
            Map<String, byte[]> classes = new TreeMap<>();
            Path out = output;
            try (Stream<Path> walk = Files.walk(out)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    classes.put(out.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (output != null) {
                deleteTree(output);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class SourceObject extends SimpleJavaFileObject {
        private final String code;

        SourceObject(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = Objects.requireNonNull(code, "code");
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
