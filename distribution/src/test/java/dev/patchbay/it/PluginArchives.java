package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Other versions of a real plugin archive, made at test time: the same jar with another {@code Plugin-Version} in
 * its manifest, optionally with some entries replaced (a corrupt class file, or a class compiled by the test).
 */
final class PluginArchives {

    private PluginArchives() {
    }

    /** The distribution's archive of plugin {@code id}: {@code plugins/patchbay-plugin-ID-*.jar}. */
    static Path distArchive(String id) throws IOException {
        try (Stream<Path> files = Files.list(Patchbay.dist().resolve("plugins"))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith("patchbay-plugin-" + id + "-")
                    && f.getFileName().toString().endsWith(".jar")).toList();
            assertThat(found).as("the distribution ships one archive of plugin '%s'", id).hasSize(1);
            return found.get(0);
        }
    }

    /**
     * Copies {@code from} to {@code to} with {@code Plugin-Version: version} and the entries in {@code replaced}
     * (jar path to bytes) instead of the originals. The copy is written next to {@code to} and moved in, so that a
     * host watching the folder never sees it half-written.
     */
    static Path rewrite(Path from, Path to, String version, Map<String, byte[]> replaced) throws IOException {
        Path partial = Files.createTempFile(Files.createDirectories(to.getParent().getParent().resolve("partial")),
                "archive", ".part");
        try (InputStream in = Files.newInputStream(from); JarInputStream jar = new JarInputStream(in)) {
            Manifest manifest = new Manifest(jar.getManifest());
            Attributes main = manifest.getMainAttributes();
            assertThat(main.getValue("Plugin-Version")).as("%s has a Plugin-Version", from).isNotNull();
            main.putValue("Plugin-Version", version);
            int found = 0;
            try (OutputStream out = Files.newOutputStream(partial); JarOutputStream copy = new JarOutputStream(out,
                    manifest)) {
                for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                    byte[] bytes = replaced.containsKey(entry.getName()) ? replaced.get(entry.getName())
                            : jar.readAllBytes();
                    found += replaced.containsKey(entry.getName()) ? 1 : 0;
                    copy.putNextEntry(new JarEntry(entry.getName()));
                    copy.write(bytes);
                    copy.closeEntry();
                }
            }
            assertThat(found).as("every replaced entry %s is in %s", replaced.keySet(), from)
                    .isEqualTo(replaced.size());
        }
        return Files.move(partial, to);
    }

    /** Compiles one class against the distribution's API jar and returns its class file. */
    static byte[] compile(Path work, String className, String source) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src"));
        Path file = sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path api;
        try (Stream<Path> jars = Files.list(Patchbay.dist().resolve("lib"))) {
            api = jars.filter(j -> j.getFileName().toString().matches("patchbay-api-[0-9.]+\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no patchbay-api-VERSION.jar in " + Patchbay.dist()
                            .resolve("lib")));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null,
                StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(null, files, diagnostics, List.of("--release", "17", "-proc:none",
                    "-classpath", api.toString(), "-d", classes.toString()), null, files.getJavaFileObjects(file))
                    .call();
            assertThat(compiled).as("%s compiles: %s", className, diagnostics.getDiagnostics()).isTrue();
        }
        return Files.readAllBytes(classes.resolve(className.replace('.', '/') + ".class"));
    }
}
