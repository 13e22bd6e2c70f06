package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ArchiveDigest}: SHA-256 of a file, a stream and a folder plugin. */
class ArchiveDigestTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
        "'', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    })
    void aFileAndAStreamHaveTheirKnownSha256(String content, String sha256) throws IOException {
        Path file = Files.writeString(dir.resolve("a.jar"), content);

        assertThat(ArchiveDigest.of(file)).isEqualTo(sha256);
        assertThat(ArchiveDigest.of(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(sha256);
    }

    @Test
    void aFolderDigestDependsOnPathsAndContentNotOnTheOrderFilesWereCreated() throws IOException {
        Path first = folder("first", "classes/a/A.class", "lib/x.jar", "META-INF/MANIFEST.MF");
        Path second = folder("second", "META-INF/MANIFEST.MF", "lib/x.jar", "classes/a/A.class");

        assertThat(ArchiveDigest.of(first)).isEqualTo(ArchiveDigest.of(second)).hasSize(64);
    }

    @Test
    void oneChangedByteRenamedFileOrAddedFileChangesAFolderDigest() throws IOException {
        Path plugin = folder("plugin", "classes/a/A.class", "lib/x.jar");
        String before = ArchiveDigest.of(plugin);

        byte[] bytes = Files.readAllBytes(plugin.resolve("lib/x.jar"));
        bytes[0] ^= 1;
        Files.write(plugin.resolve("lib/x.jar"), bytes);
        String changed = ArchiveDigest.of(plugin);
        Files.move(plugin.resolve("lib/x.jar"), plugin.resolve("lib/y.jar"));
        String renamed = ArchiveDigest.of(plugin);
        Files.writeString(plugin.resolve("classes/extra.txt"), "");
        String added = ArchiveDigest.of(plugin);

        assertThat(java.util.Set.of(before, changed, renamed, added)).hasSize(4);
    }

    @Test
    void anUnreadableFileIsAnErrorNamingIt() {
        Path missing = dir.resolve("missing.jar");

        assertThatThrownBy(() -> ArchiveDigest.of(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining("'" + missing + "'").hasMessageContaining("SHA-256");
    }

    private Path folder(String name, String... files) throws IOException {
        Path root = dir.resolve(name);
        for (String file : files) {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "content of " + file);
        }
        return root;
    }
}
