package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void theNewContentIsWrittenToATemporaryFileInTheSameDirectoryAndRenamedOverTheTarget(@TempDir Path dir)
            throws IOException {
        Path target = dir.resolve("patchbay.json");
        Files.writeString(target, "old");
        List<Path> moves = new ArrayList<>();
        AtomicFiles files = new AtomicFiles((from, to) -> {
            moves.add(from);
            assertThat(Files.readString(to)).isEqualTo("old");
            Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        });

        files.write(target, "new".getBytes());

        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(moves).singleElement().satisfies(tmp -> assertThat(tmp.getParent()).isEqualTo(dir));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void theTargetKeepsItsPermissions(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("patchbay.json");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));

        new AtomicFiles().write(target, "new".getBytes());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
    }

    @Test
    void aMissingDirectoryIsCreated(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("config/patchbay.json");

        new AtomicFiles().write(target, "{}".getBytes());

        assertThat(Files.readString(target)).isEqualTo("{}");
    }

    @Test
    void aFailedRenameLeavesTheOldContentAndNoTemporaryFileAndTheErrorNamesTheFile(@TempDir Path dir)
            throws IOException {
        Path target = dir.resolve("demo.json");
        Files.writeString(target, "old");
        AtomicFiles crashing = new AtomicFiles((from, to) -> {
            throw new IOException("simulated crash before the rename");
        });

        assertThatThrownBy(() -> crashing.write(target, "new".getBytes())).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot write '" + target + "'")
                .hasMessageContaining("simulated crash before the rename")
                .hasMessageContaining("unchanged")
                .hasMessageContaining("check that '" + dir + "' is a writable folder with free space")
                .hasRootCauseMessage("simulated crash before the rename");

        assertThat(Files.readString(target)).isEqualTo("old");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void aFolderThatCannotBeCreatedIsReportedNamingTheFile(@TempDir Path dir) throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("state"), "a file");
        Path target = notAFolder.resolve("demo.json");

        assertThatThrownBy(() -> new AtomicFiles().write(target, "new".getBytes())).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot write '" + target + "'")
                .hasMessageContaining("'" + notAFolder + "'");
    }

    @Test
    void aNewFileGetsThePermissionsOfAnyNewFileInItsFolderNotOwnerOnly(@TempDir Path dir) throws IOException {
        // A temporary file from Files.createTempFile is rw------- whatever the umask; renamed, it would make every
        // new checkpoint unreadable to the operator's other accounts, unlike the files Patchbay wrote before.
        Path reference = Files.createFile(dir.resolve("reference"));
        String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(reference));
        org.junit.jupiter.api.Assumptions.assumeFalse(expected.equals("rw-------"),
                "the umask already gives new files rw-------");
        Path target = dir.resolve("new.json");

        new AtomicFiles().write(target, "{}".getBytes());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo(expected);
    }
}
