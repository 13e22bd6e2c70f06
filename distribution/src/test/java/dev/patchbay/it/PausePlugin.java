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
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A plugin built at test time, {@code pause 1.0.0}, with one processor {@code pause/pause}: it passes each record on
 * unchanged and sleeps {@code pauseMillis} after every {@code everyRecords} records, so a pipeline holds records in
 * flight (queued before it) whenever its source is faster. Compiled against the distribution's sdk with the api's
 * annotation processor, as an author's plugin is.
 */
final class PausePlugin {

    private static final String SOURCE = """
            package pause;

            import dev.patchbay.api.Emitter;
            import dev.patchbay.api.Extension;
            import dev.patchbay.api.ExtensionContext;
            import dev.patchbay.api.Processor;
            import dev.patchbay.api.ProcessorFactory;
            import dev.patchbay.api.Row;
            import dev.patchbay.api.Setting;
            import dev.patchbay.api.SettingType;
            import dev.patchbay.api.Settings;
            import java.util.List;

            /** Passes records on, sleeping pauseMillis after every everyRecords of them. */
            @Extension(name = "pause", description = "Passes records on, sleeping after every few of them.")
            public final class PauseProcessorFactory implements ProcessorFactory {

                /** Called by the host through ServiceLoader. */
                public PauseProcessorFactory() {
                }

                @Override
                public List<Setting> settings() {
                    return List.of(
                            Setting.optional("pauseMillis", SettingType.LONG, "How long each pause is.").withDefault(1L),
                            Setting.optional("everyRecords", SettingType.LONG, "Records between pauses.")
                                    .withDefault(100L));
                }

                @Override
                public Processor create(Settings settings, ExtensionContext context) {
                    long pause = settings.getLong("pauseMillis");
                    long every = settings.getLong("everyRecords");
                    return new Processor() {
                        private long seen;

                        @Override
                        public void process(Row record, Emitter out) {
                            out.emit(record);
                            if (++seen % every == 0) {
                                try {
                                    Thread.sleep(pause);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        }
                    };
                }
            }
            """;

    private PausePlugin() {
    }

    /** Compiles the plugin in {@code work} and writes it as {@code plugins/patchbay-plugin-pause-1.0.0.jar}. */
    static Path build(Path work, Path plugins) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/pause"));
        Path file = sources.resolve("PauseProcessorFactory.java");
        Files.writeString(file, SOURCE, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path sdk = Patchbay.dist().resolve("sdk/dev/patchbay");
        Path api = sdk.resolve("patchbay-api/1.3.0/patchbay-api-1.3.0.jar");
        Path processor = sdk.resolve("patchbay-api-processor/1.3.0/patchbay-api-processor-1.3.0.jar");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null,
                StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(null, files, diagnostics, List.of("-Xlint:all", "-Werror",
                    "--release", "17", "-classpath", api.toString(), "-processorpath", processor.toString(), "-d",
                    classes.toString()), null, files.getJavaFileObjects(file)).call();
            assertThat(compiled).as("the pause plugin compiles: %s", diagnostics.getDiagnostics()).isTrue();
        }
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", "pause");
        attributes.putValue("Plugin-Version", "1.0.0");
        attributes.putValue("Plugin-Requires", ">=1.0.0 & <2.0.0");
        Path jar = plugins.resolve("patchbay-plugin-pause-1.0.0.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path entry : walk.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(entry));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
