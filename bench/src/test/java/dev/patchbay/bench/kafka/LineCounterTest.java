package dev.patchbay.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineCounterTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileHoldsNoLines() throws IOException {
        assertThat(new LineCounter(dir.resolve("absent.jsonl")).lines()).isZero();
    }

    @Test
    void countsOnlyCompleteLinesAsTheFileGrows() throws IOException {
        Path file = dir.resolve("out.jsonl");
        LineCounter counter = new LineCounter(file);
        append(file, "{\"a\":1}\n{\"a\":2}\n{\"a\"");
        assertThat(counter.lines()).isEqualTo(2);

        append(file, ":3}\n");
        assertThat(counter.lines()).isEqualTo(3);
        assertThat(counter.lines()).isEqualTo(3);
    }

    @Test
    void countsAFileLargerThanItsBuffer() throws IOException {
        Path file = dir.resolve("big.jsonl");
        String line = "x".repeat(99) + "\n";
        append(file, line.repeat(30_000));

        assertThat(new LineCounter(file).lines()).isEqualTo(30_000);
    }

    @Test
    void aShrinkingFileIsAnErrorNamingIt() throws IOException {
        Path file = dir.resolve("shrinks.jsonl");
        append(file, "one\ntwo\n");
        LineCounter counter = new LineCounter(file);
        counter.lines();
        Files.writeString(file, "one\n", StandardCharsets.UTF_8);

        assertThatThrownBy(counter::lines).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("shrank from 8 to 4 bytes");
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
