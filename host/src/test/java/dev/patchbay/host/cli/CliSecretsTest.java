package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets in settings through the real {@link Main}: a sink whose path and token come from {@code ${env:}} and
 * {@code ${file:}} references runs and writes where they say, and neither {@code run} (its summary, text and JSON,
 * and its log at DEBUG) nor {@code config check} (text and JSON) ever prints a resolved value.
 */
class CliSecretsTest {

    private static final String SECRET = "s3cr3t";


    private static final String LINES = """
            package sec;

            import dev.patchbay.api.*;
            import java.io.IOException;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.*;
            import java.util.List;

            @Extension(name = "lines", description = "Writes n of each record, one a line, after the token's length.")
            public class Lines implements SinkFactory {
                @Override
                public List<Setting> settings() {
                    return List.of(Setting.required("path", SettingType.STRING, "the output file").asOutputPath(),
                            Setting.required("token", SettingType.STRING, "a credential"),
                            Setting.optional("port", SettingType.LONG, "a port").withDefault(1L));
                }

                @Override
                public Sink create(Settings settings, ExtensionContext context) {
                    Path path = context.baseDirectory().resolve(settings.getString("path"));
                    String token = settings.getString("token");
                    return new Sink() {
                        @Override
                        public void write(List<Row> batch) throws IOException {
                            Files.createDirectories(path.getParent());
                            StringBuilder text = new StringBuilder();
                            if (!Files.exists(path)) {
                                text.append("token-length ").append(token.length()).append('\\n');
                            }
                            batch.forEach(row -> text.append(row.get("n")).append('\\n'));
                            Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                                    StandardOpenOption.APPEND);
                        }

                        @Override
                        public void flush() {
                        }
                    };
                }
            }
            """;

    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void install() throws IOException {
        PluginJarBuilder.plugin("sec").source("sec.Count", Sources.countingSource("sec.Count", "count", 3)).source("sec.Lines", LINES)
                .service(SourceFactory.class, "sec.Count").service(SinkFactory.class, "sec.Lines")
                .buildJar(Files.createDirectories(home.resolve("plugins")));
        Files.createDirectories(home.resolve("state"));
        Files.writeString(home.resolve("token.txt"), SECRET + "-file\n");
        environment.put("PATCHBAY_HOME", home.toString());
        environment.put("OUT", "out/" + SECRET + "-dir/result.txt");
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private CliRun run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(environment, Optional.empty(), home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Main.validators()).run(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void config(String sinkSettings) throws IOException {
        Files.writeString(Files.createDirectories(home.resolve("config")).resolve("patchbay.json"), ("{\n"
                + "  'pipelines': {'demo': {'source': {'use': 'sec/count'},\n"
                + "    'sink': {'use': 'sec/lines', 'settings': " + sinkSettings + "}}}\n"
                + "}\n").replace('\'', '"'));
    }

    @ParameterizedTest(name = "--json: {0}")
    @ValueSource(booleans = {false, true})
    void aSinkWhosePathAndTokenComeFromReferencesWritesThereAndNothingPrintsTheirValues(boolean json)
            throws IOException {
        config("{'path': '${env:OUT}', 'token': '${file:token.txt}'}");

        CliRun result = json ? run("run", "--json", "--log-level", "DEBUG") : run("run", "--log-level", "DEBUG");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(Files.readAllLines(home.resolve("out/" + SECRET + "-dir/result.txt")))
                .containsExactly("token-length 11", "1", "2", "3");
        assertThat(result.err()).as("the log at DEBUG").contains("DEBUG");
        assertThat(result.out() + result.err()).doesNotContain(SECRET);
        if (json) {
            JsonNode summary = new ObjectMapper().readTree(result.out().lines().reduce((a, b) -> b).orElseThrow());
            assertThat(summary.toString()).doesNotContain(SECRET);
        } else {
            // The path as written; the token is masked by its name as well, which the summary did before references.
            assertThat(result.out() + result.err()).contains("settings {\"path\":\"${env:OUT}\","
                    + "\"token\":\"***\"}");
        }
    }

    @Test
    void configCheckReportsAWrongValueFromAReferenceAndAMissingVariableWithoutAnyValue() throws IOException {
        environment.put("PORT", SECRET + "-port");
        config("{'path': '${env:OUT}', 'token': '${env:NO_TOKEN}', 'port': '${env:PORT}'}");

        CliRun text = run("config", "check", "--start");
        CliRun json = run("config", "check", "--start", "--json");

        assertThat(text.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(text.out() + text.err() + json.out() + json.err()).doesNotContain(SECRET);
        assertThat(text.err()).contains("$.pipelines.demo.sink.settings.token (line 3, column 78)")
                .contains("the environment variable NO_TOKEN that ${env:NO_TOKEN} refers to is not set");
        List<String> paths = json.json().get("errors").findValuesAsText("path");
        assertThat(paths).containsExactly("$.pipelines.demo.sink.settings.token");
    }

    @Test
    void configCheckReportsAWrongValueFromAReferenceByItsReferenceAndDoesNotProbeAReferencedPath() throws IOException {
        environment.put("PORT", SECRET + "-port");
        Files.createDirectories(home.resolve("out"));
        config("{'path': '${env:OUT}', 'token': '${file:token.txt}', 'port': '${env:PORT}'}");

        CliRun text = run("config", "check", "--start");
        CliRun json = run("config", "check", "--start", "--json");

        assertThat(text.exit()).as(text.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(text.out() + text.err() + json.out() + json.err())
                .as("neither the port nor the path's missing folder out/s3cr3t-dir is quoted").doesNotContain(SECRET);
        assertThat(text.err()).contains("$.pipelines.demo.sink.settings.port")
                .contains("setting 'port' is not valid: its value comes from ${env:PORT} and is not shown");
    }
}
