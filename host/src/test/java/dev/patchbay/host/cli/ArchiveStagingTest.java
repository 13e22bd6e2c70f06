package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staging folder of {@code plugins install}: copies, atomic moves that undo themselves, and clean-up. */
class ArchiveStagingTest {

    @TempDir
    Path home;

    @Test
    void aFailedMoveTakesTheArchivesAlreadyMovedOutAgainAndNamesTheFile() throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Path first = Files.writeString(home.resolve("a-1.0.0.jar"), "a");
        Path second = Files.writeString(home.resolve("b-1.0.0.jar"), "b");
        try (ArchiveStaging staging = ArchiveStaging.open(home.resolve("state"))) {
            List<Path> staged = List.of(staging.stage(first), staging.stage(second));
            // Another process drops a file of the same name between verification and the move.
            Files.writeString(plugins.resolve("b-1.0.0.jar"), "someone else's");

            assertThatThrownBy(() -> staging.moveAll(staged, plugins)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot move 'b-1.0.0.jar'").hasMessageContaining("nothing was installed");

            assertThat(plugins.resolve("a-1.0.0.jar")).doesNotExist();
            assertThat(plugins.resolve("b-1.0.0.jar")).hasContent("someone else's");
        }
        assertThat(home.resolve("state").resolve(ArchiveStaging.FOLDER)).doesNotExist();
    }

    @Test
    void aFolderArchiveIsStagedWithItsWholeTreeAndMovedIn() throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Path folder = Files.createDirectories(home.resolve("geo-1.0.0/lib"));
        Files.writeString(folder.resolve("geo.jar"), "jar");
        Files.createDirectories(home.resolve("geo-1.0.0/META-INF"));
        Files.writeString(home.resolve("geo-1.0.0/META-INF/MANIFEST.MF"), "Manifest-Version: 1.0\n");
        try (ArchiveStaging staging = ArchiveStaging.open(home.resolve("state"))) {
            staging.moveAll(List.of(staging.stage(home.resolve("geo-1.0.0"))), plugins);
        }
        assertThat(plugins.resolve("geo-1.0.0/lib/geo.jar")).hasContent("jar");
        assertThat(plugins.resolve("geo-1.0.0/META-INF/MANIFEST.MF")).exists();
        assertThat(home.resolve("geo-1.0.0/lib/geo.jar")).exists();
    }

    @Test
    void anotherInstallsStagingFolderIsLeftAlone() throws IOException {
        ArchiveStaging one = ArchiveStaging.open(home.resolve("state"));
        try (ArchiveStaging two = ArchiveStaging.open(home.resolve("state"))) {
            assertThat(one.folder()).isNotEqualTo(two.folder());
            one.close();
            assertThat(one.folder()).doesNotExist();
            assertThat(two.folder()).isDirectory();
        }
        assertThat(home.resolve("state").resolve(ArchiveStaging.FOLDER)).doesNotExist();
    }
}
