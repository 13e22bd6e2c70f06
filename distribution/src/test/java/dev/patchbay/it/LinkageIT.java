package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 section 3 through the launcher: a plugin that references a host class (compiled against the
 * distribution's own {@code lib/}) is reported by {@code plugins verify} and {@code plugins list} with
 * PB-PLUGIN-027 before any of its code runs; its factory's static initialiser would write a marker file.
 */
class LinkageIT {

    @TempDir
    Path temp;

    @Test
    void aPluginReferencingAHostClassIsClassNotVisibleInVerifyAndListAndNoneOfItsCodeRuns() throws Exception {
        Patchbay patchbay = new Patchbay(temp.resolve("home"));
        Path marker = temp.resolve("ran");
        Path jar = plugin(temp.resolve("work"), marker);

        Patchbay.Result verified = patchbay.run("plugins", "verify", jar.toString());

        assertThat(verified.exitCode()).as("%s%s", verified.stdout(), verified.stderr()).isEqualTo(1);
        assertThat(verified.stdout()).contains("PB-PLUGIN-027", "class dev.patchbay.host.plugin.PluginState in"
                + " com.acme.hosty.Factory.use()", "a class of the host itself");
        assertThat(marker).doesNotExist();

        Path plugins = patchbay.copyPlugins();
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        Patchbay.Result listed = patchbay.run("plugins", "list");

        assertThat(listed.stdout() + listed.stderr()).contains("hosty", "FAILED", "PB-PLUGIN-027");
        assertThat(marker).doesNotExist();
    }

    private static Path plugin(Path work, Path marker) throws IOException {
        String source = """
                package com.acme.hosty;

                import dev.patchbay.api.*;
                import java.util.List;

                @Extension(name = "hosty", description = "references a host class")
                public class Factory implements ProcessorFactory {
                    static {
                        try {
                            java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }

                    public String use() { return dev.patchbay.host.plugin.PluginState.STARTED.name(); }

                    @Override
                    public List<Setting> settings() { return List.of(); }

                    @Override
                    public Processor create(Settings settings, ExtensionContext context) {
                        return (record, out) -> out.emit(record);
                    }
                }
                """.formatted(marker.toString().replace("\\", "\\\\"));
        Path sources = Files.createDirectories(work.resolve("src"));
        Path file = sources.resolve("Factory.java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(work.resolve("classes"));
        String classpath;
        try (Stream<Path> jars = Files.list(Patchbay.dist().resolve("lib"))) {
            classpath = jars.map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null,
                StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(null, files, diagnostics, List.of("--release", "17", "-proc:none",
                    "-classpath", classpath, "-d", classes.toString()), null, files.getJavaFileObjects(file)).call();
            assertThat(compiled).as("the plugin compiles: %s", diagnostics.getDiagnostics()).isTrue();
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", "hosty");
        main.putValue("Plugin-Version", "1.0.0");
        main.putValue("Plugin-Requires", ">=1.0.0 & <2.0.0");
        Path jar = work.resolve("hosty.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            zip.putNextEntry(new JarEntry("com/acme/hosty/Factory.class"));
            zip.write(Files.readAllBytes(classes.resolve("com/acme/hosty/Factory.class")));
            zip.closeEntry();
            zip.putNextEntry(new JarEntry("META-INF/services/dev.patchbay.api.ProcessorFactory"));
            zip.write("com.acme.hosty.Factory\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }
}
