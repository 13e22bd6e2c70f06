package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest pass reads only the archives whose stamp changed since the last run, and trusts nothing else. */
class ManifestStampsTest {

    @TempDir
    Path dir;

    private final List<Path> reads = new ArrayList<>();

    private ManifestStamps stamps() {
        PluginDiscovery discovery = new PluginDiscovery();
        return new ManifestStamps(Optional.of(dir.resolve("cache/manifests")), path -> {
            reads.add(path);
            return discovery.manifest(path);
        });
    }

    private Path jar(String name, String id, String version, String... dependencies) throws IOException {
        Path jar = dir.resolve(name);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", id);
        manifest.getMainAttributes().putValue("Plugin-Version", version);
        if (dependencies.length > 0) {
            manifest.getMainAttributes().putValue("Plugin-Dependencies", String.join(", ", dependencies));
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            zip.flush();
        }
        return jar;
    }

    private static String id(Optional<ManifestStamps.Facts> facts) {
        return facts.map(f -> f.id() + " " + f.dependencies()).orElse("none");
    }

    @Test
    void aSecondRunReadsNoUnchangedArchiveAndGetsTheSameManifests() throws Exception {
        Path a = jar("a.jar", "alpha", "1.0.0");
        Path b = jar("b.jar", "beta", "2.0.0", "alpha@>=1.0.0");
        ManifestStamps first = stamps();
        assertThat(id(first.facts(a))).isEqualTo("alpha []");
        assertThat(id(first.facts(b))).isEqualTo("beta [alpha]");
        first.save();
        reads.clear();

        ManifestStamps second = stamps();

        assertThat(id(second.facts(a))).isEqualTo("alpha []");
        assertThat(id(second.facts(b))).isEqualTo("beta [alpha]");
        assertThat(reads).isEmpty();
    }

    @Test
    void anArchiveReplacedInPlaceIsReadAgainEvenWithItsOldModificationTime() throws Exception {
        Path a = jar("a.jar", "alpha", "1.0.0");
        FileTime before = Files.getLastModifiedTime(a);
        ManifestStamps first = stamps();
        first.facts(a);
        first.save();
        reads.clear();

        // As an installer replaces a file: a new one written beside it, then moved over it (a new file key).
        Files.move(jar("a-new.jar", "alpha", "1.0.1", "gamma"), a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(a, before);

        assertThat(id(stamps().facts(a))).as("a new file (another size or file key) is read again")
                .isEqualTo("alpha [gamma]");
        assertThat(reads).containsExactly(a);
    }

    @Test
    void aTouchedArchiveIsReadAgain() throws Exception {
        Path a = jar("a.jar", "alpha", "1.0.0");
        ManifestStamps first = stamps();
        first.facts(a);
        first.save();
        reads.clear();

        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5_000));

        stamps().facts(a);
        assertThat(reads).containsExactly(a);
    }

    @Test
    void aCorruptCacheFileIsIgnoredAndRewritten() throws Exception {
        Path a = jar("a.jar", "alpha", "1.0.0");
        Files.createDirectories(dir.resolve("cache"));
        Files.writeString(dir.resolve("cache/manifests"), "patchbay-manifests 1\nnot\ta\tline\n");

        ManifestStamps first = stamps();
        assertThat(id(first.facts(a))).isEqualTo("alpha []");
        first.save();
        reads.clear();

        stamps().facts(a);
        assertThat(reads).as("the rewritten file serves the next run").isEmpty();
    }

    @Test
    void foldersAreNeverRememberedAndGoneArchivesAreDropped() throws Exception {
        Path folder = dir.resolve("folder-plugin");
        Files.createDirectories(folder.resolve("META-INF"));
        Files.writeString(folder.resolve("META-INF/MANIFEST.MF"),
                "Manifest-Version: 1.0\nPlugin-Id: gamma\nPlugin-Version: 1.0.0\n");
        Path a = jar("a.jar", "alpha", "1.0.0");
        ManifestStamps first = stamps();
        first.facts(folder);
        first.facts(a);
        first.save();

        ManifestStamps second = stamps();
        assertThat(second.remembered()).containsExactly(a);
        second.save();
        assertThat(stamps().remembered()).as("an archive not read by the last run is forgotten").isEmpty();
    }
}
