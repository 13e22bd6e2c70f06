package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;

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
}
