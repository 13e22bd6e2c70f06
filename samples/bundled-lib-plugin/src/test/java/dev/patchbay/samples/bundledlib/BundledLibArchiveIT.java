package dev.patchbay.samples.bundledlib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the built plugin archive: its layout, and that its classes work from a class loader that sees only
 * the JDK, the api and the archive itself, the way the host's plugin class loader isolates a plugin.
 */
class BundledLibArchiveIT {

    private final Path archive = Path.of(System.getProperty("plugin.archive"));
    private final String bundledVersion = System.getProperty("bundled.jackson.version");

    @Test
    void archiveHasTheManifestAtTheRootClassesAndLibraries() throws IOException {
        List<String> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(name -> !name.endsWith("/")).forEach(entries::add);
            try (InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
                Manifest manifest = new Manifest(in);
                assertThat(manifest.getMainAttributes().getValue("Plugin-Id")).isEqualTo("bundled-lib");
                assertThat(manifest.getMainAttributes().getValue("Plugin-Version")).isEqualTo("1.0.0");
                assertThat(manifest.getMainAttributes().getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
            }
        }
        assertThat(entries).contains(
                "META-INF/MANIFEST.MF",
                "classes/META-INF/services/dev.patchbay.api.ProcessorFactory",
                "classes/dev/patchbay/samples/bundledlib/JsonFieldProcessorFactory.class",
                "lib/jackson-core-" + bundledVersion + ".jar");
        assertThat(entries).allSatisfy(
                name -> assertThat(name).matches("META-INF/MANIFEST\\.MF|classes/.+|lib/[^/]+\\.jar"));
        assertThat(entries).noneMatch(name -> name.contains("dev/patchbay/api/") || name.contains("patchbay-api"));
    }

    @Test
    void pluginRunsOnItsOwnJacksonInAnIsolatedClassLoader(@TempDir Path home) throws Exception {
        Path folder = unzip(home);
        List<URL> urls = new ArrayList<>();
        urls.add(folder.resolve("classes").toUri().toURL());
        try (Stream<Path> libs = Files.list(folder.resolve("lib"))) {
            for (Path lib : libs.sorted().toList()) {
                urls.add(lib.toUri().toURL());
            }
        }
        try (URLClassLoader plugin = new URLClassLoader("bundled-lib", urls.toArray(URL[]::new), new ApiOnly())) {
            ProcessorFactory factory = ServiceLoader.load(ProcessorFactory.class, plugin).findFirst().orElseThrow();
            assertThat(factory.getClass().getClassLoader()).isSameAs(plugin);
            assertThat(plugin.loadClass("com.fasterxml.jackson.core.JsonFactory").getClassLoader()).isSameAs(plugin);

            Processor processor = factory.create(Settings.of("json-field", Map.of("field", "p"), factory.settings()),
                    new TestContext());
            List<Row> out = new ArrayList<>();
            processor.process(Row.of(Map.of("p", "{\"n\":[1,2]}")), out::add);

            assertThat(out).containsExactly(Row.of(Map.of("p", Map.of("n", List.of(1L, 2L)),
                    "jacksonVersion", bundledVersion)));
        }
    }

    private Path unzip(Path into) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = into.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(into)).as("zip entry %s stays inside the folder", entry.getName())
                        .isTrue();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return into;
    }

    /** Sees the JDK and the api package only, like the parent side of the host's plugin class loader. */
    private static final class ApiOnly extends ClassLoader {

        ApiOnly() {
            super("api-only", ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith("dev.patchbay.api.")) {
                return BundledLibArchiveIT.class.getClassLoader().loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }
    }
}
