package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one look at a real plugins folder sees: the entries {@link PluginArchive#list} counts, fingerprinted. */
class PluginFolderScanTest {

    @TempDir
    Path dir;

    @Test
    void fingerprintsJarsZipsAndFolderPluginsAndIgnoresEverythingElse() throws IOException {
        Path jar = write(dir.resolve("a.jar"), 10, 1_000);
        Path zip = write(dir.resolve("b.zip"), 20, 2_000);
        Path folder = Files.createDirectories(dir.resolve("c"));
        write(folder.resolve("META-INF/MANIFEST.MF"), 5, 3_000);
        write(folder.resolve("lib/x.jar"), 7, 4_000);
        write(dir.resolve("notes.txt"), 1, 1_000);
        write(dir.resolve(".hidden.jar"), 1, 1_000);

        PluginFolderScan.Look look = new PluginFolderScan(dir).look();

        assertThat(look.problem()).isEmpty();
        assertThat(look.unreadable()).isEmpty();
        assertThat(look.entries()).containsOnlyKeys(jar, zip, folder);
        assertThat(look.entries().get(jar)).isEqualTo(new PluginFingerprint(10, Instant.ofEpochMilli(1_000), 1));
        PluginFingerprint ofFolder = look.entries().get(folder);
        assertThat(ofFolder.size()).isEqualTo(12);
        assertThat(ofFolder.files()).isEqualTo(2);
        assertThat(ofFolder.lastModified()).isAfterOrEqualTo(Instant.ofEpochMilli(4_000));
    }

    @Test
    void aFileAddedDeepInsideAFolderPluginChangesItsFingerprint() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("c/lib"));
        write(folder.resolve("x.jar"), 7, 4_000);
        PluginFingerprint before = new PluginFolderScan(dir).look().entries().get(dir.resolve("c"));

        write(folder.resolve("y.jar"), 0, 4_000);

        assertThat(new PluginFolderScan(dir).look().entries().get(dir.resolve("c"))).isNotEqualTo(before);
    }

    @Test
    void aMissingFolderIsAProblemThatNamesItAndSaysWhatToDo() {
        Path missing = dir.resolve("plugins");

        PluginFolderScan.Look look = new PluginFolderScan(missing).look();

        assertThat(look.entries()).isEmpty();
        assertThat(look.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("plugins folder '" + missing + "' does not exist", "create it"));
    }

    @Test
    void aFileInsteadOfTheFolderIsAProblem() throws IOException {
        Path file = write(dir.resolve("plugins"), 1, 1_000);

        assertThat(new PluginFolderScan(file).look().problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("'" + file + "'", "not a folder"));
    }

    @Test
    void aFingerprintValidatesItsFigures() {
        assertThatThrownBy(() -> new PluginFingerprint(-1, Instant.EPOCH, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size -1");
        assertThatThrownBy(() -> new PluginFingerprint(0, Instant.EPOCH, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file count -2");
    }

    @Test
    void aChangeIsImmutableAndConsistentWithItsSnapshot() {
        Path a = dir.resolve("a.jar");
        PluginFingerprint print = new PluginFingerprint(1, Instant.EPOCH, 1);
        PluginFolderChange change = new PluginFolderChange(Map.of(a, print), Set.of(a), Set.of(), Set.of());

        assertThatThrownBy(() -> change.snapshot().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> change.added().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new PluginFolderChange(Map.of(), Set.of(a), Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("added", a.toString());
        assertThatThrownBy(() -> new PluginFolderChange(Map.of(a, print), Set.of(), Set.of(a), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("removed", a.toString());
        assertThatThrownBy(() -> new PluginFolderChange(Map.of(a, print), Set.of(a), Set.of(), Set.of(a)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both added and changed");
    }

    private static Path write(Path file, int size, long mtimeMillis) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[size]);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
        return file;
    }
}
