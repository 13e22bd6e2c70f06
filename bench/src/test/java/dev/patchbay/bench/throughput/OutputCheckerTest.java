package dev.patchbay.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputCheckerTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} vs {1} equal: {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1,\"b\":\"x\"}   | {\"b\": \"x\", \"a\": 1}  | true",
        "{\"s\":34.6}            | {\"s\":34.60}           | true",
        "{\"n\":1}               | {\"n\":1.0}             | true",
        "{\"n\":36}              | {\"n\":\"36\"}          | false",
        "{\"n\":null}            | {\"n\":\"null\"}        | false",
        "{\"a\":1}               | {\"a\":1,\"b\":2}       | false",
        "{\"e\":\"ab\"}          | {\"e\":\"aB\"}          | false"
    })
    void comparesRecordsAsMapsAndNumbersByValue(String left, String right, boolean equal) throws IOException {
        Path a = write("a.jsonl", left.strip() + "\n");
        Path b = write("b.jsonl", right.strip() + "\n");

        assertThat(new OutputChecker().compare(a, b).isEmpty()).isEqualTo(equal);
    }

    @Test
    void reportsAFileThatEndsEarly() throws IOException {
        Path a = write("a.jsonl", "{\"id\":1}\n{\"id\":2}\n");
        Path b = write("b.jsonl", "{\"id\":1}\n");

        assertThat(new OutputChecker().compare(a, b)).singleElement().asString()
                .contains("record 2").contains("ends here");
    }

    @Test
    void reportsRecordsInADifferentOrder() throws IOException {
        Path a = write("a.jsonl", "{\"id\":1}\n{\"id\":2}\n");
        Path b = write("b.jsonl", "{\"id\":2}\n{\"id\":1}\n");

        assertThat(new OutputChecker().compare(a, b)).hasSize(2);
    }

    @Test
    void ignoresBlankLines() throws IOException {
        Path a = write("a.jsonl", "{\"id\":1}\n\n{\"id\":2}\n");
        Path b = write("b.jsonl", "{\"id\":1}\n{\"id\":2}");

        assertThat(new OutputChecker().compare(a, b)).isEmpty();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
