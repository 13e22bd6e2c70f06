package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code plugins enable} and {@code disable} rewrite only the array they change (or insert it where it is
 * missing): every other byte of the file, its indentation, key order, line endings and byte-order mark, stays as
 * it was. Each case compares the whole file byte for byte.
 */
class ConfigEditorBytesTest {

    private static final Set<String> KNOWN = Set.of("files", "transforms", "hello");

    @TempDir
    Path home;

    /** One edit: the file before, the command, the file expected after. */
    record Case(String label, String before, boolean enable, String id, String after) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final String PRETTY_4 = """
            {
                "plugins": {
                    "directory": "plugins",
                    "disabled": [
                        "transforms"
                    ]
                },
                "logging": { "format": "text", "level": "WARN" },
                "runtime": {
                    "shutdownGraceSeconds": 30
                },
                "pipelines": {
                    "people": {
                        "source": {
                            "use": "files/csv-source",
                            "settings": { "path": "data/Zürich.csv", "delimiter": "\\t" }
                        },
                        "processors": [
                            { "use": "transforms/filter", "settings": { "where": { "field": "age", "op": ">=", "value": 18 } } }
                        ],
                        "sink": {
                            "use": "files/jsonl-sink",
                            "settings": { "path": "out/people.jsonl" }
                        },
                        "batchSize": 500
                    }
                }
            }
            """;

    private static final String MULTI_LINE = """
            {
              "plugins": {
                "enabled": [
                  "files",
                  "hello"
                ],
                "disabled": [
                  "transforms"
                ]
              }
            }
            """;

    static Stream<Case> cases() {
        return Stream.of(
                new Case("compact: both arrays change", "{\"plugins\":{\"enabled\":[\"files\",\"hello\"],\"disabled\":[]},"
                        + "\"logging\":{\"level\":\"WARN\"}}", false, "hello",
                        "{\"plugins\":{\"enabled\":[\"files\"],\"disabled\":[\"hello\"]},\"logging\":{\"level\":\"WARN\"}}"),
                new Case("pretty with 4 spaces: one element appended, the rest untouched", PRETTY_4, false, "hello",
                        PRETTY_4.replace("            \"transforms\"\n", "            \"transforms\",\n"
                                + "            \"hello\"\n")),
                new Case("CRLF: the missing array is inserted with the file's line ending and indentation",
                        "{\r\n    \"plugins\": {\r\n        \"directory\": \"plugins\"\r\n    },\r\n    \"state\": {}\r\n}\r\n",
                        false, "hello",
                        "{\r\n    \"plugins\": {\r\n        \"directory\": \"plugins\",\r\n        \"disabled\": [\"hello\"]\r\n"
                                + "    },\r\n    \"state\": {}\r\n}\r\n"),
                new Case("BOM: kept", "\uFEFF{\"plugins\": {\"disabled\": []}}\n", false, "hello",
                        "\uFEFF{\"plugins\": {\"disabled\": [\"hello\"]}}\n"),
                new Case("plugins absent: inserted after the last key, like its siblings",
                        "{\n  \"logging\": {\"level\": \"WARN\"}\n}\n\n", false, "hello",
                        "{\n  \"logging\": {\"level\": \"WARN\"},\n  \"plugins\": {\"disabled\": [\"hello\"]}\n}\n\n"),
                new Case("plugins absent from two keys: the separator between them is reused",
                        "{ \"state\": {\"directory\": \"s\"},  \"logging\": {\"level\": \"WARN\"} }", false, "hello",
                        "{ \"state\": {\"directory\": \"s\"},  \"logging\": {\"level\": \"WARN\"},  "
                                + "\"plugins\": {\"disabled\": [\"hello\"]} }"),
                new Case("plugins empty", "{\"plugins\": {}, \"state\": {\"directory\": \"s\"}}", false, "hello",
                        "{\"plugins\": {\"disabled\": [\"hello\"]}, \"state\": {\"directory\": \"s\"}}"),
                new Case("plugins empty over lines", "{\n  \"plugins\": {\n  }\n}", false, "hello",
                        "{\n  \"plugins\": {\n    \"disabled\": [\"hello\"]\n  }\n}"),
                new Case("root empty", "{}", false, "hello", "{\"plugins\": {\"disabled\": [\"hello\"]}}"),
                new Case("array empty with blanks", "{\"plugins\": {\"disabled\": [ ]}}", false, "hello",
                        "{\"plugins\": {\"disabled\": [\"hello\"]}}"),
                new Case("array multi-line: one array emptied, one grown", MULTI_LINE, true, "transforms", """
                        {
                          "plugins": {
                            "enabled": [
                              "files",
                              "hello",
                              "transforms"
                            ],
                            "disabled": []
                          }
                        }
                        """),
                new Case("removing from the middle keeps the other elements as written",
                        "{\"plugins\": {\"enabled\": [\"files\" ,  \"h\\u0065llo\", \"transforms\"]}}", false, "hello",
                        "{\"plugins\": {\"enabled\": [\"files\" ,  \"transforms\"], \"disabled\": [\"hello\"]}}"),
                new Case("the colon's spacing of the last key is reused",
                        "{\"plugins\" : {\"directory\" : \"plugins\"}}", false, "hello",
                        "{\"plugins\" : {\"directory\" : \"plugins\", \"disabled\" : [\"hello\"]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onlyTheChangedArrayIsRewritten(Case c) throws IOException {
        ConfigSource source = new ConfigSource(home, home.resolve("patchbay.json"), false);
        Files.write(source.file(), c.before().getBytes(StandardCharsets.UTF_8));
        ConfigEditor editor = new ConfigEditor(new ConfigReader(), new AtomicFiles());

        ConfigEditor.Outcome outcome = c.enable() ? editor.enable(source, c.id(), KNOWN)
                : editor.disable(source, c.id(), KNOWN);

        byte[] after = Files.readAllBytes(source.file());
        assertThat(outcome.changed()).isTrue();
        assertThat(new String(after, StandardCharsets.UTF_8)).isEqualTo(c.after());
        assertThat(after).isEqualTo(c.after().getBytes(StandardCharsets.UTF_8));
    }
}
