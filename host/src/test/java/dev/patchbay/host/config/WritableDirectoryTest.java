package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.patchbay.host.config.WritableDirectory.Status;
import dev.patchbay.host.config.WritableDirectory.Verdict;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WritableDirectoryTest {

    private static final String ELSEWHERE = "set \"state.directory\" to another directory";

    @TempDir
    Path temp;

    /** A probe that answers as a file system would, for cases the test user cannot produce (it may be root). */
    private static WriteProbe failing(IOException answer) {
        return directory -> {
            throw answer;
        };
    }

    private static final WriteProbe REAL = WriteProbe.TEMPORARY_FILE;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("an existing directory a file can be created in", REAL,
                        (Function<Path, Path>) t -> t, Status.WRITABLE, ""),
                Arguments.of("a missing directory whose parent is writable", REAL,
                        (Function<Path, Path>) t -> t.resolve("state"), Status.WILL_BE_CREATED,
                        "does not exist yet; a run creates it in "),
                Arguments.of("a missing directory several levels down", REAL,
                        (Function<Path, Path>) t -> t.resolve("a/b/state"), Status.WILL_BE_CREATED,
                        "does not exist yet; a run creates it in "),
                Arguments.of("a file", REAL, (Function<Path, Path>) t -> file(t.resolve("state")),
                        Status.NOT_A_DIRECTORY, "is a file, not a directory"),
                Arguments.of("a missing directory below a file", REAL,
                        (Function<Path, Path>) t -> file(t.resolve("home")).resolve("state"), Status.NOT_A_DIRECTORY,
                        "cannot be created: "),
                Arguments.of("a directory where creating a file is denied",
                        failing(new AccessDeniedException("x")), (Function<Path, Path>) t -> t, Status.NOT_WRITABLE,
                        "is not writable by user '" + System.getProperty("user.name") + "' (permission denied)"),
                Arguments.of("a missing directory whose nearest folder denies it",
                        failing(new AccessDeniedException("x")), (Function<Path, Path>) t -> t.resolve("state"),
                        Status.NOT_WRITABLE, "does not exist and cannot be created: "),
                Arguments.of("a directory on a read-only file system",
                        failing(new FileSystemException("x", null, "Read-only file system")),
                        (Function<Path, Path>) t -> t, Status.NOT_WRITABLE, "(read-only file system)"),
                Arguments.of("a directory where creating a file fails for another reason",
                        failing(new FileSystemException("x", null, "No space left on device")),
                        (Function<Path, Path>) t -> t, Status.UNSURE, ": cannot tell whether a run can write there: creating a test file in "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachKindOfDirectoryGetsItsVerdict(String name, WriteProbe probe, Function<Path, Path> directory,
            Status status, String message) {
        Path judged = directory.apply(temp);

        Verdict verdict = new WritableDirectory(probe).judge(judged, "the state directory " + judged, ELSEWHERE);

        assertThat(verdict.status()).as(name).isEqualTo(status);
        assertThat(verdict.message()).contains(message);
        if (status != Status.WRITABLE) {
            assertThat(verdict.message()).as("names the directory").startsWith("the state directory " + judged)
                    .isNotEqualTo("the state directory " + judged);
            assertThat(verdict.fix()).isNotEmpty();
        }
        if (status.error() || status == Status.UNSURE) {
            assertThat(verdict.fix()).endsWith(", or " + ELSEWHERE);
        }
    }

    @Test
    void errorsAndWarningsFollowWhetherTheCheckCanBeSure() {
        assertThat(Stream.of(Status.values()).filter(Status::error))
                .containsExactlyInAnyOrder(Status.NOT_WRITABLE, Status.NOT_A_DIRECTORY);
        assertThat(Stream.of(Status.values()).filter(Status::warning))
                .containsExactlyInAnyOrder(Status.WILL_BE_CREATED, Status.UNSURE);
    }

    @Test
    void theRealProbeLeavesNothingBehind() throws IOException {
        Files.writeString(temp.resolve("checkpoint.json"), "{}");

        new WritableDirectory(REAL).judge(temp, "the state directory", ELSEWHERE);
        new WritableDirectory(REAL).judge(temp.resolve("missing"), "the state directory", ELSEWHERE);

        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("checkpoint.json");
        }
    }

    @Test
    void aDirectoryTheUserCannotWriteIsNotWritableForReal() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write to a read-only directory");
        Path readOnly = Files.createDirectory(temp.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            List<Verdict> verdicts = List.of(
                    new WritableDirectory(REAL).judge(readOnly, "the state directory", ELSEWHERE),
                    new WritableDirectory(REAL).judge(readOnly.resolve("state"), "the state directory", ELSEWHERE));

            assertThat(verdicts).extracting(Verdict::status).containsOnly(Status.NOT_WRITABLE);
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static Path file(Path path) {
        try {
            return Files.writeString(path, "not a directory");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
