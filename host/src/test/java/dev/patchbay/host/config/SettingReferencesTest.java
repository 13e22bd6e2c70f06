package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How {@link SettingReferences} resolves {@code ${env:NAME}}, {@code ${file:path}} and the {@code $${} escape. */
class SettingReferencesTest {

    @TempDir
    Path home;

    private SettingReferences references;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(home.resolve("password.txt"), "s3cret\n", StandardCharsets.UTF_8);
        Files.writeString(home.resolve("two-lines.txt"), "a\nb\n\n", StandardCharsets.UTF_8);
        Files.writeString(home.resolve("crlf.txt"), "w1n\r\n", StandardCharsets.UTF_8);
        Files.writeString(home.resolve("bare.txt"), "bare", StandardCharsets.UTF_8);
        references = new SettingReferences(Map.of("DB_PASSWORD", "hunter2", "EMPTY", "", "OUT", "out/x.jsonl")::get,
                home);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "plain text                         | plain text                | false",
        "'${env:DB_PASSWORD}'               | hunter2                   | true",
        "'${env:EMPTY}'                     | ''                        | true",
        "'jdbc:pg://h/db?p=${env:DB_PASSWORD}&x=1' | jdbc:pg://h/db?p=hunter2&x=1 | true",
        "'${env:OUT}${env:DB_PASSWORD}'     | out/x.jsonlhunter2        | true",
        "'${file:password.txt}'             | s3cret                    | true",
        "'${file:two-lines.txt}'            | 'a\nb\n'                  | true",
        "'${file:crlf.txt}'                 | w1n                       | true",
        "'${file:bare.txt}'                 | bare                      | true",
        "'$${env:DB_PASSWORD}'              | '${env:DB_PASSWORD}'      | false",
        "'cost $5 and $$ and {x}'           | 'cost $5 and $$ and {x}'  | false",
        "'$$${env:EMPTY}'                   | '$${env:EMPTY}'           | false",
    })
    void resolvesReferencesAndEscapes(String written, String expected, boolean referenced) throws Exception {
        SettingReferences.Resolved resolved = references.resolve(written.replace("\\n", "\n"));

        assertThat(resolved.value()).isEqualTo(expected.replace("\\n", "\n"));
        assertThat(resolved.referenced()).isEqualTo(referenced);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'${env:NOT_SET}'       | environment variable NOT_SET that ${env:NOT_SET} refers to is not set | set NOT_SET",
        "'x${file:missing.txt}' | does not exist                                      | create it",
        "'${vault:db/pass}'     | unknown kind of reference ${vault:db/pass}          | write $${ for a literal ${",
        "'${env:}'              | ${env:} names no environment variable               | write $${ for a literal ${",
        "'${env:X'              | has no closing '}'                                  | write $${ for a literal ${",
        "'${ plain'             | has no closing '}'                                  | write $${ for a literal ${",
    })
    void aReferenceThatCannotBeResolvedIsAnErrorSayingWhatAndHow(String written, String message, String fix) {
        SettingReferences.Unresolvable error = catchThrowableOfType(SettingReferences.Unresolvable.class,
                () -> references.resolve(written));

        assertThat(error.getMessage()).contains(message);
        assertThat(error.fix()).contains(fix);
    }

    @org.junit.jupiter.api.Test
    void aMissingFileIsNamedResolvedAgainstTheHomeAndAnAbsolutePathIsTakenAsIs() throws Exception {
        SettingReferences.Unresolvable error = catchThrowableOfType(SettingReferences.Unresolvable.class,
                () -> references.resolve("${file:nope.txt}"));
        Path absolute = Files.writeString(Files.createTempDirectory(home, "abs").resolve("key"), "k\n");

        assertThat(error.getMessage()).contains(home.resolve("nope.txt").toString());
        assertThat(error.fix()).contains("relative to the Patchbay home " + home);
        assertThat(references.resolve("${file:" + absolute + "}").value()).isEqualTo("k");
    }

    @org.junit.jupiter.api.Test
    void aFileThatIsNotUtf8IsAnErrorThatDoesNotQuoteItsContent() throws IOException {
        Files.write(home.resolve("latin1.txt"), new byte[] {'p', (byte) 0xE9, 'x'});

        SettingReferences.Unresolvable error = catchThrowableOfType(SettingReferences.Unresolvable.class,
                () -> references.resolve("${file:latin1.txt}"));

        assertThat(error.getMessage()).contains("latin1.txt").contains("not valid UTF-8").doesNotContain("px");
    }
}
