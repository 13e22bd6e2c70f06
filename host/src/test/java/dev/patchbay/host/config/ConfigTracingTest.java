package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code tracing} section: off unless an OTLP endpoint is configured, and the endpoint checked as it is read. */
class ConfigTracingTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final ConfigSource SOURCE = new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false);

    private final ConfigReader reader = new ConfigReader();

    @Test
    void tracingIsOffWithoutTheSectionOrWithoutAnEndpoint() {
        assertThat(reader.defaults(SOURCE).tracing()).isEqualTo(TracingSettings.OFF);
        assertThat(reader.parse(SOURCE, "{}").tracing()).isEqualTo(TracingSettings.OFF);
        assertThat(reader.parse(SOURCE, "{\"tracing\": {}}").tracing()).isEqualTo(TracingSettings.OFF);
        assertThat(reader.parse(SOURCE, "{\"tracing\": {\"otlpEndpoint\": null}}").tracing().enabled()).isFalse();
    }

    @Test
    void anEndpointTurnsTracingOnWithTheDefaultServiceName() {
        TracingSettings tracing = reader.parse(SOURCE, "{\"tracing\": {\"otlpEndpoint\": \"http://collector:4318\"}}")
                .tracing();

        assertThat(tracing.enabled()).isTrue();
        assertThat(tracing.otlpEndpoint()).contains(URI.create("http://collector:4318"));
        assertThat(tracing.serviceName()).isEqualTo("patchbay");
        assertThat(tracing.tracesUri()).contains(URI.create("http://collector:4318/v1/traces"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "http://collector:4318, http://collector:4318/v1/traces",
        "http://collector:4318/, http://collector:4318/v1/traces",
        "https://otel.example.com/otlp, https://otel.example.com/otlp/v1/traces",
        "https://otel.example.com/otlp/, https://otel.example.com/otlp/v1/traces",
    })
    void theTracesPathIsAppendedToTheEndpointAsOtlpDoesForItsBaseUrl(String endpoint, String traces) {
        TracingSettings tracing = reader.parse(SOURCE, "{\"tracing\": {\"otlpEndpoint\": \"" + endpoint + "\", "
                + "\"serviceName\": \"etl-eu\"}}").tracing();

        assertThat(tracing.tracesUri()).contains(URI.create(traces));
        assertThat(tracing.serviceName()).isEqualTo("etl-eu");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not an object | {'tracing': 'http://c:4318'} | $.tracing | must be an object",
        "unknown key | {'tracing': {'endpoint': 'http://c:4318'}} | $.tracing.endpoint | did you mean \"otlpEndpoint\"?",
        "not a string | {'tracing': {'otlpEndpoint': 4318}} | $.tracing.otlpEndpoint "
                + "| \"otlpEndpoint\" is the number 4318 but must be an http or https URL",
        "no scheme | {'tracing': {'otlpEndpoint': 'collector:4318'}} | $.tracing.otlpEndpoint "
                + "| \"otlpEndpoint\" is the string \"collector:4318\" but must be an http or https URL",
        "grpc scheme | {'tracing': {'otlpEndpoint': 'grpc://c:4317'}} | $.tracing.otlpEndpoint "
                + "| \"otlpEndpoint\" is the string \"grpc://c:4317\" but must be an http or https URL",
        "no host | {'tracing': {'otlpEndpoint': 'http:///v1'}} | $.tracing.otlpEndpoint "
                + "| \"otlpEndpoint\" is the string \"http:///v1\" but names no host",
        "not a URI | {'tracing': {'otlpEndpoint': 'http://c :4318'}} | $.tracing.otlpEndpoint "
                + "| \"otlpEndpoint\" is the string \"http://c :4318\" which is not a URL",
        "query | {'tracing': {'otlpEndpoint': 'http://c:4318?x=1'}} | $.tracing.otlpEndpoint "
                + "| \"otlpEndpoint\" is the string \"http://c:4318?x=1\" but must have no query or fragment",
        "blank service | {'tracing': {'otlpEndpoint': 'http://c:4318', 'serviceName': ' '}} "
                + "| $.tracing.serviceName | \"serviceName\" is the string \" \" but must be a non-empty string",
    })
    void aBadValueIsAnErrorAtItsPath(String name, String json, String path, String message) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> reader.parse(SOURCE, json.replace('\'', '"')));

        assertThat(e).as("expected an error for %s", json).isNotNull();
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.message() + " " + error.fix()).contains(message);
            assertThat(error.fix()).isNotBlank();
        });
    }

    @Test
    void theErrorGivesTheLineAndColumnOfTheBadValue() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.parse(SOURCE,
                "{\n  \"tracing\": {\n    \"otlpEndpoint\": \"ftp://c\"\n  }\n}"));

        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.location().line()).isEqualTo(3);
            assertThat(error.location().column()).isEqualTo(21);
            assertThat(error.fix()).contains("http://localhost:4318");
        });
    }

    @Test
    void theSettingsRefuseAnEndpointThatIsNotHttp() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new TracingSettings(
                Optional.of(URI.create("file:///tmp/spans")), "patchbay"))).hasMessageContaining("file:///tmp/spans");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new TracingSettings(
                Optional.empty(), " "))).hasMessageContaining("serviceName");
    }
}
