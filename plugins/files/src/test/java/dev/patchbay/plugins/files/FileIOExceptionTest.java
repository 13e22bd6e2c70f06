package dev.patchbay.plugins.files;

import static dev.patchbay.plugins.files.Harness.map;
import static dev.patchbay.plugins.files.Harness.rec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Sink;
import dev.patchbay.api.Source;
import dev.patchbay.plugins.files.FileIOException.Operation;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9: every I/O error of the files plugin names the file, the operation and the fix, through the one rule
 * in {@link FileIOException}. The first table is the rule; the second triggers each kind of failure for real.
 */
class FileIOExceptionTest {

    private static final Path FILE = Path.of("/srv/patchbay/out/data.jsonl");
    private static final String ELSEWHERE = "; free space on that file system or point \"path\" elsewhere";
    private static final String GZIP_FIX = "; the gzip data is damaged or cut short: restore the file, or cut it back"
            + " to its last complete member (gzip -t tells whether it is damaged); if it is not gzip at all, set"
            + " \"compression\" to \"none\"";

    static Stream<Arguments> rule() {
        return Stream.of(
                Arguments.of(Operation.FLUSH, "flush of 500 records", new IOException("No space left on device"),
                        "cannot write '" + FILE + "' (flush of 500 records): No space left on device" + ELSEWHERE),
                Arguments.of(Operation.WRITE, "a chunk of 3 records", new IOException("No space left on device"),
                        "cannot write '" + FILE + "' (a chunk of 3 records): No space left on device" + ELSEWHERE),
                Arguments.of(Operation.WRITE, "", new IOException("Disk quota exceeded"),
                        "cannot write '" + FILE + "': Disk quota exceeded; free space or raise the disk quota, or"
                                + " point \"path\" elsewhere"),
                Arguments.of(Operation.OPEN_INPUT, "", new NoSuchFileException(FILE.toString()),
                        "cannot open '" + FILE + "' for reading: no such file or directory; check the \"path\""
                                + " setting (a relative path is resolved against the Patchbay home)"),
                Arguments.of(Operation.READ, "at byte 0", new IOException("Is a directory"),
                        "cannot read '" + FILE + "' (at byte 0): Is a directory; set \"path\" to a file, not a"
                                + " directory"),
                Arguments.of(Operation.OPEN_OUTPUT, "", new FileSystemException(FILE.toString(), null,
                        "Is a directory"), "cannot open '" + FILE + "' for writing: Is a directory; set \"path\" to"
                                + " a file, not a directory"),
                Arguments.of(Operation.OPEN_OUTPUT, "", new AccessDeniedException(FILE.toString()),
                        "cannot open '" + FILE + "' for writing: permission denied; give the user running Patchbay"
                                + " write access to the file and its directory, or point \"path\" elsewhere"),
                Arguments.of(Operation.OPEN_INPUT, "", new AccessDeniedException(FILE.toString()),
                        "cannot open '" + FILE + "' for reading: permission denied; give the user running Patchbay"
                                + " read access to the file, or point \"path\" elsewhere"),
                Arguments.of(Operation.CREATE_DIRECTORIES, "", new FileSystemException("/srv/patchbay/out", null,
                        "Not a directory"), "cannot create the parent directories of '" + FILE + "':"
                                + " '/srv/patchbay/out': Not a directory; a part of \"path\" is a file, not a directory:"
                                + " correct \"path\" or move that file"),
                Arguments.of(Operation.CREATE_DIRECTORIES, "", new FileAlreadyExistsException("/srv/patchbay/out"),
                        "cannot create the parent directories of '" + FILE + "': '/srv/patchbay/out' exists and is"
                                + " not a directory; a part of \"path\" is a file, not a directory: correct \"path\""
                                + " or move that file"),
                Arguments.of(Operation.OPEN_OUTPUT, "", new FileSystemException(FILE.toString(), null,
                        "Read-only file system"), "cannot open '" + FILE + "' for writing: Read-only file system;"
                                + " the file system is mounted read-only: point \"path\" to a writable one"),
                Arguments.of(Operation.READ, "after 100 decompressed bytes",
                        new ZipException("invalid stored block lengths"), "cannot read '" + FILE + "' (after 100"
                                + " decompressed bytes): invalid stored block lengths" + GZIP_FIX),
                Arguments.of(Operation.READ, "", new EOFException("Unexpected end of ZLIB input stream"),
                        "cannot read '" + FILE + "': Unexpected end of ZLIB input stream" + GZIP_FIX),
                Arguments.of(Operation.OPEN_INPUT, "", new ZipException("Not in GZIP format"),
                        "cannot open '" + FILE + "' for reading: Not in GZIP format; the file is not gzip: set"
                                + " \"compression\" to \"none\", or to \"auto\" with a path that does not end in .gz"),
                Arguments.of(Operation.READ, "", new IOException("Input/output error"),
                        "cannot read '" + FILE + "': Input/output error; the device reported an error: check the"
                                + " disk and the system log"),
                Arguments.of(Operation.TRUNCATE, "to 8 bytes, cutting a torn tail", new IOException(),
                        "cannot truncate '" + FILE + "' (to 8 bytes, cutting a torn tail): IOException; check the"
                                + " file system that holds it, or point \"path\" elsewhere"),
                Arguments.of(Operation.CHECK_TAIL, "", new IOException("Stale file handle"),
                        "cannot read '" + FILE + "' to check it for a torn tail: Stale file handle; check the file"
                                + " system that holds it, or point \"path\" elsewhere"),
                Arguments.of(Operation.CLOSE, "", new IOException("Bad file descriptor"),
                        "cannot close '" + FILE + "': Bad file descriptor; check the file system that holds it, or"
                                + " point \"path\" elsewhere"),
                Arguments.of(Operation.READ, "", new IOException("Bad file descriptor"),
                        "cannot read '" + FILE + "': Bad file descriptor; check the file and the file system that"
                                + " holds it"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("rule")
    void theRuleNamesTheFileTheOperationAndTheFixAndChainsTheCause(Operation operation, String detail,
            IOException cause, String expected) {
        IOException described = FileIOException.describe(operation, FILE, detail, cause);

        assertThat(described).isInstanceOf(FileIOException.class).hasMessage(expected).hasCause(cause);
    }

    @Test
    void anErrorAlreadyDescribedPassesThroughUnchanged() {
        IOException first = FileIOException.describe(Operation.WRITE, FILE, "", new IOException("Input/output error"));

        assertThat(FileIOException.describe(Operation.CLOSE, FILE, "", first)).isSameAs(first);
    }

    /** Something done with the extensions that fails, for real, with an I/O error. */
    @FunctionalInterface
    interface Trigger {
        void run(Path dir) throws Exception;
    }

    static Stream<Arguments> triggers() {
        return Stream.of(
                Arguments.of("a missing input file", (Trigger) dir -> source(dir, "data/none.jsonl"),
                        List.of("cannot open '", "data/none.jsonl' for reading: no such file or directory",
                                "check the \"path\" setting")),
                Arguments.of("a directory as input", (Trigger) dir -> source(dir, Files.createDirectories(
                        dir.resolve("data/in")).toString()), List.of("cannot read '", "data/in' (at byte 0): Is a"
                                + " directory; set \"path\" to a file, not a directory")),
                Arguments.of("a directory as gzip input", (Trigger) dir -> source(dir, Files.createDirectories(
                        dir.resolve("data/in.jsonl.gz")).toString()), List.of("data/in.jsonl.gz' for reading: Is a"
                                + " directory; set \"path\" to a file, not a directory")),
                Arguments.of("a torn gzip input", (Trigger) FileIOExceptionTest::readTornGzip,
                        List.of("cannot read '", "data/torn.jsonl.gz' (after ", "decompressed bytes)", GZIP_FIX)),
                Arguments.of("a directory as output", (Trigger) dir -> write(dir, Files.createDirectories(
                        dir.resolve("out")).toString()), List.of("cannot open '", "out' for writing: Is a"
                                + " directory; set \"path\" to a file, not a directory")),
                Arguments.of("a file where a directory should be", (Trigger) dir -> {
                    Files.writeString(dir.resolve("out"), "a file");
                    write(dir, "out/data.jsonl");
                }, List.of("cannot create the parent directories of '", "out/data.jsonl'", "a part of \"path\" is a"
                        + " file, not a directory")),
                Arguments.of("a full disk", (Trigger) dir -> write(dir, full()), List.of("cannot write '/dev/full'"
                        + " (flush of 1 records): No space left on device" + ELSEWHERE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("triggers")
    void everyKindOfFailureNamesTheFileTheOperationAndTheFix(String name, Trigger trigger, List<String> fragments,
            @TempDir Path dir) {
        assertThatThrownBy(() -> trigger.run(dir)).satisfies(thrown -> {
            for (String fragment : fragments) {
                assertThat(thrown.getMessage()).contains(fragment);
            }
            assertThat(thrown).hasRootCauseInstanceOf(IOException.class);
        });
    }

    @Test
    void anUnwritableOutputDirectoryNamesTheFileAndTheFix(@TempDir Path dir) throws IOException {
        assumeThat(System.getProperty("user.name")).as("root may write anywhere").isNotEqualTo("root");
        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));

        assertThatThrownBy(() -> write(dir, "locked/out.jsonl"))
                .hasMessageContaining("cannot open '" + locked.resolve("out.jsonl") + "' for writing: permission"
                        + " denied; give the user running Patchbay write access");
    }

    private static void source(Path dir, String path) throws IOException {
        Harness.source(new JsonLinesSourceFactory(), map("path", path), Harness.context("jsonl-source", dir)).close();
    }

    private static void readTornGzip(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < 20_000; i++) {
                out.write(("{\"id\":" + i + ",\"text\":\"" + Integer.toHexString(i * 40503) + "\"}\n").getBytes());
            }
        }
        Path file = Files.createDirectories(dir.resolve("data")).resolve("torn.jsonl.gz");
        Files.write(file, Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
        try (Source source = Harness.source(new JsonLinesSourceFactory(), map("path", "data/torn.jsonl.gz"),
                Harness.context("jsonl-source", dir))) {
            Emitter discard = record -> {
            };
            for (int polls = 0; polls < 10_000 && source.poll(discard) != Source.Poll.END; polls++) {
                // Poll until the tear.
            }
        }
    }

    private static void write(Path dir, String path) throws IOException {
        try (Sink sink = Harness.sink(new JsonLinesSinkFactory(), map("path", path), Harness.context("jsonl-sink",
                dir))) {
            sink.write(List.of(rec("a", 1L)));
            sink.flush();
        }
    }

    private static String full() {
        assumeThat(Path.of("/dev/full")).as("Linux's always-full device").isWritable();
        return "/dev/full";
    }
}
