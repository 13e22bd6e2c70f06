package dev.patchbay.testkit;

import dev.patchbay.api.ExtensionFactory;
import java.io.ByteArrayOutputStream;
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
 * Writes real plugin archives at test time (trimmed from the host's {@code PluginJarBuilder}): compiles Java
 * sources against the api with the system compiler, then lays out a jar (everything at its root) or a zip
 * ({@code META-INF/MANIFEST.MF}, {@code classes/}, {@code lib/}). Mutable, not thread-safe.
 */
final class TestArchives {

    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, List<String>> services = new LinkedHashMap<>();
    private final List<Path> classpath = new ArrayList<>();
    private final List<Path> libs = new ArrayList<>();
    private final String fileName;

    private TestArchives(String fileName) {
        this.fileName = fileName;
    }

    /** A plugin with this id, version 1.0.0, requiring api 1.x. */
    static TestArchives plugin(String id) {
        TestArchives builder = new TestArchives(id);
        builder.attributes.put("Plugin-Id", id);
        builder.attributes.put("Plugin-Version", "1.0.0");
        builder.attributes.put("Plugin-Requires", ">=1.0.0 & <2.0.0");
        return builder;
    }

    /** A plain library jar, to bundle in {@code lib/} or to compile against. */
    static TestArchives library(String fileName) {
        return new TestArchives(fileName);
    }

    TestArchives withoutAttribute(String name) {
        attributes.remove(name);
        return this;
    }

    TestArchives source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    TestArchives service(Class<? extends ExtensionFactory> factoryType, String className) {
        services.computeIfAbsent("META-INF/services/" + factoryType.getName(), k -> new ArrayList<>()).add(className);
        return this;
    }

    TestArchives compileAgainst(Path... entries) {
        classpath.addAll(List.of(entries));
        return this;
    }

    TestArchives lib(Path jar) {
        libs.add(jar);
        return this;
    }

    /** Writes {@code <fileName>.jar}, everything at its root. */
    Path buildJar(Path directory) {
        Map<String, byte[]> entries = new TreeMap<>();
        if (!attributes.isEmpty()) {
            entries.put("META-INF/MANIFEST.MF", manifest());
        }
        entries.putAll(classesAndServices(""));
        Path jar = directory.resolve(fileName + ".jar");
        writeZip(jar, entries);
        return jar;
    }

    /** Writes {@code <fileName>.zip}: the manifest at the root, {@code classes/} and {@code lib/}. */
    Path buildZip(Path directory) {
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("META-INF/MANIFEST.MF", manifest());
        entries.putAll(classesAndServices("classes/"));
        try {
            for (Path lib : libs) {
                entries.put("lib/" + lib.getFileName(), Files.readAllBytes(lib));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path zip = directory.resolve(fileName + ".zip");
        writeZip(zip, entries);
        return zip;
    }

    private Map<String, byte[]> classesAndServices(String prefix) {
        Map<String, byte[]> entries = new TreeMap<>();
        compile().forEach((name, bytes) -> entries.put(prefix + name, bytes));
        services.forEach((file, lines) -> entries.put(prefix + file,
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
        return entries;
    }

    private byte[] manifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((name, value) -> manifest.getMainAttributes().put(new Attributes.Name(name), value));
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            manifest.write(out);
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

    /** Where a class was loaded from: a jar or a classes folder. */
    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    /** A nested jar of the kit's host runtime, such as {@code pf4j.jar}, from the kit's build output. */
    static Path nestedHostJar(String name) {
        try {
            URI uri = TestArchives.class.getClassLoader().getResource(IsolatedHost.NESTED + name).toURI();
            return Path.of(uri);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("the kit's build output has no nested " + name, e);
        }
    }

    private Map<String, byte[]> compile() {
        if (sources.isEmpty()) {
            return Map.of();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        List<Path> path = new ArrayList<>();
        path.add(locationOf(ExtensionFactory.class));
        path.addAll(classpath);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path output = null;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            output = Files.createTempDirectory("testkit-archive-");
            List<JavaFileObject> units = sources.entrySet().stream()
                    .map(e -> (JavaFileObject) new SourceObject(e.getKey(), e.getValue())).toList();
            List<String> options = List.of("-d", output.toString(), "-proc:none", "--release", "17", "-classpath",
                    path.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
            if (!compiler.getTask(null, files, diagnostics, options, null, units).call()) {
                throw new AssertionError("test plugin sources do not compile:\n" + diagnostics.getDiagnostics()
                        .stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(Object::toString)
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
                TempFiles.deleteTree(output);
            }
        }
    }

    private static final class SourceObject extends SimpleJavaFileObject {

        private final String code;

        SourceObject(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
