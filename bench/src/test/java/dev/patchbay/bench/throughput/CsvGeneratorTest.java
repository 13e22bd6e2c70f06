package dev.patchbay.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void sameSeedWritesTheSameBytes() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");

        CsvGenerator.write(a, 500, 7);
        CsvGenerator.write(b, 500, 7);

        assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
    }

    @Test
    void writesTheHeaderAndOneLinePerRowWithSomeQuotedNames() throws IOException {
        Path file = dir.resolve("rows.csv");

        CsvGenerator.write(file, 2000, 20261122L);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2001);
        assertThat(lines.get(0)).isEqualTo("id,name,email,age,city,score");
        assertThat(lines).anyMatch(line -> line.contains("\"") && line.contains(" Jr.\""));
        assertThat(lines.subList(1, lines.size())).allMatch(line -> line.matches("\\d+,.*,\\d{1,2},[^,]+,\\d+\\.\\d"));
    }
}
