package dev.patchbay.plugins.files;

import static dev.patchbay.plugins.files.Harness.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Position;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.testkit.SourceTester;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the files sources tell the host besides their records (api 1.1.0): each record skipped under
 * {@code "onError": "skip"} as a rejection with the file, line and text, and comment lines as the
 * {@code commentLines} counter; so the host counts both in the summary and can dead-letter the skips.
 */
class SkipReportsTest {

    @TempDir
    Path dir;

    static Stream<Arguments> malformedLines() {
        return Stream.of(
                Arguments.of(new JsonLinesSourceFactory(), "{\"id\": 1}\n{\"id\": \n{\"id\": 3}\n", 2, "{\"id\": "),
                Arguments.of(new CsvSourceFactory(), "id,name\n1,ada\n2,bob,extra\n3,cy\n", 3, "2,bob,extra"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedLines")
    void aSkippedRecordIsReportedWithTheFileTheLineAndItsText(SourceFactory factory, String content, int lineNumber,
            String bad) throws IOException {
        Path file = Files.writeString(dir.resolve("in.txt"), content, StandardCharsets.UTF_8);
        SourceTester tester = Harness.tester(factory, dir, map("path", file.toString(), "onError", "skip"));

        assertThat(tester.readAll().rows()).hasSize(2);

        assertThat(tester.context().rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.location()).isEqualTo(file + " line " + lineNumber);
            assertThat(rejection.input()).isEqualTo(bad);
            assertThat(tester.context().logLines()).anySatisfy(line -> assertThat(line).contains(rejection.reason()));
        });
    }

    @Test
    void underStopNothingIsReportedAndTheSourceFails() throws IOException {
        Path file = Files.writeString(dir.resolve("in.jsonl"), "{\"id\": \n", StandardCharsets.UTF_8);
        SourceTester tester = Harness.tester(new JsonLinesSourceFactory(), dir, map("path", file.toString()));

        assertThatThrownBy(tester::readAll).hasMessageContaining("line 1");
        assertThat(tester.context().rejections()).isEmpty();
    }

    @Test
    void theTextOfAVeryLongSkippedRecordIsCut() throws IOException {
        String huge = "{\"id\": \"" + "x".repeat(5000);
        Path file = Files.writeString(dir.resolve("in.jsonl"), huge + "\n{\"id\": 2}\n", StandardCharsets.UTF_8);
        SourceTester tester = Harness.tester(new JsonLinesSourceFactory(), dir,
                map("path", file.toString(), "onError", "skip"));

        assertThat(tester.readAll().rows()).hasSize(1);
        assertThat(tester.context().rejections()).extracting(Rejection::input)
                .containsExactly(huge.substring(0, FileSource.REJECTED_TEXT_BYTES));
    }

    @Test
    void commentLinesAreCountedOnceAcrossAResume() throws IOException {
        Path file = Files.writeString(dir.resolve("zones.tab"),
                "# head\nAD\tEurope/Andorra\n# middle\nAE\tAsia/Dubai\n# tail\n", StandardCharsets.UTF_8);
        Map<String, Object> settings = map("path", file.toString(), "delimiter", "\t", "comment", "#",
                "header", false, "columns", List.of("code", "tz"));
        SourceTester tester = Harness.tester(new CsvSourceFactory(), dir, settings);

        SourceTester.Output all = tester.readAll();
        assertThat(all.rows()).hasSize(2);
        assertThat(tester.context().counters()).containsExactly(Map.entry(FileSource.COMMENT_LINES, 3L));

        SourceTester resumed = Harness.tester(new CsvSourceFactory(), dir, settings);
        Position afterFirst = new Position(all.position().orElseThrow().value()
                .replaceFirst("offset=\\d+;line=\\d+", "offset=25;line=3"));
        assertThat(resumed.readAll(afterFirst).rows()).extracting(row -> row.get("code")).containsExactly("AE");
        assertThat(resumed.context().counters()).as("the head comment was counted by the first run")
                .containsExactly(Map.entry(FileSource.COMMENT_LINES, 2L));
    }
}
