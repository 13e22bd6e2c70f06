package dev.patchbay.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandLoopTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "a,b,c                  | a/b/c",
        "'\"x, y\",z'           | x, y/z",
        "'\"say \"\"hi\"\"\",1' | say \"hi\"/1",
        "',,'                   | //",
        "'\"\",x'               | /x"
    })
    void splitsRfc4180Fields(String line, String expected) throws IOException {
        List<String> fields = HandLoop.parseRow(new BufferedReader(new StringReader("")), line);

        assertThat(String.join("/", fields)).isEqualTo(expected);
    }

    @Test
    void readsAQuotedFieldAcrossLineEnds() throws IOException {
        BufferedReader rest = new BufferedReader(new StringReader("line two\",3\n"));

        assertThat(HandLoop.parseRow(rest, "1,\"line one")).containsExactly("1", "line one\nline two", "3");
    }

    @Test
    void keepsAdultsRenamesNameAndHashesEmail() throws Exception {
        Path input = Files.writeString(dir.resolve("in.csv"), """
                id,name,email,age,city,score
                1,"Lovelace, Ada",abc,36,London,97.5
                2,Bob,bob@example.org,17,Paris,3.0
                3,Carl,,18,Nice,9
                """);
        Path output = dir.resolve("out.jsonl");

        long[] counts = HandLoop.run(input, output);

        assertThat(counts).containsExactly(3, 2);
        assertThat(Files.readAllLines(output)).containsExactly(
                "{\"id\":1,\"full_name\":\"Lovelace, Ada\","
                        + "\"email\":\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\","
                        + "\"age\":36,\"city\":\"London\",\"score\":97.5}",
                "{\"id\":3,\"full_name\":\"Carl\","
                        + "\"email\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\","
                        + "\"age\":18,\"city\":\"Nice\",\"score\":9.0}");
    }
}
