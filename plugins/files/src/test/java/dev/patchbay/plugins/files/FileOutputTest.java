package dev.patchbay.plugins.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A write that fails half-way (a full disk) leaves a torn tail that the next open cuts; nothing after the
 * failure is written, so the torn tail stays at the end where the repair can reach it.
 */
class FileOutputTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void aFlushThatRunsOutOfSpaceHalfWayWritesNothingMoreAndTheNextOpenCutsWhatItTore(boolean gzip)
            throws IOException {
        Path file = dir.resolve(gzip ? "out.jsonl.gz" : "out.jsonl");
        FileOutput full = FileOutput.open(file, StandardCharsets.UTF_8, gzip, false, RecordEnds.lines(),
                (path, options) -> new FailingChannel(FileChannel.open(path, options), 20));
        for (int i = 0; i < 5; i++) {
            full.text().append("{\"n\":" + i + "}\n");
            full.recordWritten();
        }

        assertThatThrownBy(full::flush)
                .isInstanceOf(FileIOException.class)
                .hasMessage("cannot write '" + file + "' (flush of 5 records): " + FailingChannel.ENOSPC
                        + "; free space on that file system or point \"path\" elsewhere")
                .cause().hasMessage(FailingChannel.ENOSPC);
        assertThatThrownBy(full::flush)
                .isInstanceOf(FileIOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("an earlier write to it failed");
        full.close();
        byte[] torn = Files.readAllBytes(file);
        assertThat(torn).as("the 20 bytes that fitted, and nothing written after the failure").hasSize(20);

        FileOutput again = FileOutput.open(file, StandardCharsets.UTF_8, gzip, false, RecordEnds.lines());
        long kept = gzip ? 0 : 16;
        assertThat(again.repaired()).hasValueSatisfying(cut -> {
            assertThat(cut.offset()).isEqualTo(kept);
            assertThat(cut.bytes()).isEqualTo(20 - kept);
        });
        again.text().append("{\"n\":9}\n");
        again.recordWritten();
        again.close();

        String expected = (gzip ? "" : "{\"n\":0}\n{\"n\":1}\n") + "{\"n\":9}\n";
        byte[] after = Files.readAllBytes(file);
        assertThat(gzip ? gunzip(after) : new String(after, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void aChunkWrittenBeforeTheFlushNamesTheRecordsItHeld() throws IOException {
        Path file = dir.resolve("out.jsonl");
        FileOutput full = FileOutput.open(file, StandardCharsets.UTF_8, false, false, RecordEnds.lines(),
                (path, options) -> new FailingChannel(FileChannel.open(path, options), 0));
        String record = "{\"text\":\"" + "x".repeat(1000) + "\"}\n";

        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                full.text().append(record);
                full.recordWritten();
            }
        }).isInstanceOf(FileIOException.class)
                .hasMessageStartingWith("cannot write '" + file + "' (a chunk of 130 records): ");
        full.close();
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void aCleanCloseFinishesTheLastGzipMemberAndTheNextOpenKeepsEverything() throws IOException {
        Path file = dir.resolve("out.jsonl.gz");
        try (FileOutput out = FileOutput.open(file, StandardCharsets.UTF_8, true, false, RecordEnds.lines())) {
            out.text().append("{\"n\":1}\n");
            out.recordWritten();
        }
        try (FileOutput out = FileOutput.open(file, StandardCharsets.UTF_8, true, false, RecordEnds.lines())) {
            assertThat(out.repaired()).isEmpty();
            assertThat(out.initialSize()).isEqualTo(Files.size(file));
        }
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
