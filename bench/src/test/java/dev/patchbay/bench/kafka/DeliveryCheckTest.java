package dev.patchbay.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryCheckTest {

    @TempDir
    Path dir;

    @Test
    void countsDistinctPartitionOffsetPairsAcrossHostsAndTheRepeats() throws IOException {
        Path a = write("a.jsonl", """
                {"id":1,"headers":{"h":"x"},"topic":"t","partition":0,"offset":0}
                {"id":2,"topic":"t","partition":0,"offset":1}
                {"id":3,"topic":"t","partition":1,"offset":0}
                """);
        Path b = write("b.jsonl", """
                {"id":2,"topic":"t","partition":0,"offset":1}
                {"id":4,"topic":"t","partition":1,"offset":1}
                """);

        DeliveryCheck check = DeliveryCheck.of(List.of(a, b, dir.resolve("never-written.jsonl")));

        assertThat(check).isEqualTo(new DeliveryCheck(5, 4, 1));
    }

    @Test
    void aLineWithoutTheMetadataFieldsIsAnErrorNamingFileAndLine() throws IOException {
        Path a = write("a.jsonl", "{\"partition\":0,\"offset\":0}\n{\"id\":9}\n");

        assertThatThrownBy(() -> DeliveryCheck.of(List.of(a))).isInstanceOf(IOException.class)
                .hasMessageContaining(a + " line 2 has no integer 'partition' and 'offset' fields");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
