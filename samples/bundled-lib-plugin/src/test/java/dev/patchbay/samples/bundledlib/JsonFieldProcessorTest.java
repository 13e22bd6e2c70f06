package dev.patchbay.samples.bundledlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import dev.patchbay.testkit.ProcessorTester;
import dev.patchbay.testkit.TestContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonFieldProcessorTest {

    /** The version this module declares for its bundled jackson-core; see the pom. */
    private static final String BUNDLED_VERSION = "2.15.4";

    private final JsonFieldProcessorFactory factory = new JsonFieldProcessorFactory();

    private final TestContext context = TestContext.builder().pluginId("bundled-lib")
            .extensionName(JsonFieldProcessorFactory.NAME).stageId("test/processors[0]").build();

    private Row process(Map<String, ?> settings, Row input) {
        try (ProcessorTester processor = ProcessorTester.create(factory, settings, context)) {
            List<Row> out = processor.process(input);
            assertThat(out).hasSize(1);
            return out.get(0);
        }
    }

    static Stream<Arguments> documents() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("a", 1L);
        object.put("b", Arrays.asList("x", null, 2.5, false));
        object.put("c", Map.of("d", true));
        return Stream.of(
                Arguments.of("{\"a\":1,\"b\":[\"x\",null,2.5,false],\"c\":{\"d\":true}}", Row.of(object)),
                Arguments.of("[]", List.of()),
                Arguments.of("\"text\"", "text"),
                Arguments.of("-12", -12L),
                Arguments.of("1e3", 1000.0),
                Arguments.of("true", true),
                Arguments.of("null", null),
                Arguments.of("  {\"k\" : \"v\"}  ", Row.of(Map.of("k", "v"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void parsesJsonTextIntoRecordValues(String json, Object expected) {
        Row out = process(Map.of("field", "payload"), Row.of(Map.of("payload", json)));
        Object canonical = Row.empty().with("v", expected).get("v");
        assertThat(out.get("payload")).isEqualTo(canonical);
        assertThat(out.has("payload")).isTrue();
    }

    @Test
    void reportsTheVersionOfTheJacksonItLoaded() {
        Row out = process(Map.of("field", "payload"), Row.of(Map.of("payload", "{}")));
        assertThat(out.get("jacksonVersion")).isEqualTo(BUNDLED_VERSION);
        assertThat(JsonFieldProcessorFactory.jacksonVersion()).isEqualTo(BUNDLED_VERSION);
    }

    @Test
    void writesToTheTargetFieldAndKeepsTheText() {
        Row out = process(Map.of("field", "payload", "target", "parsed", "versionField", "jv"),
                Row.of(Map.of("payload", "[1]")));
        assertThat(out).isEqualTo(Row.of(Map.of("payload", "[1]", "parsed", List.of(1L), "jv", BUNDLED_VERSION)));
    }

    @Test
    void leavesTheVersionOutWhenTheVersionFieldIsEmpty() {
        Row out = process(Map.of("field", "p", "versionField", ""), Row.of(Map.of("p", "1")));
        assertThat(out).isEqualTo(Row.of(Map.of("p", 1L)));
    }

    @Test
    void passesRecordsWithoutTheFieldThrough() {
        Row out = process(Map.of("field", "p"), Row.of(Map.of("id", 3L)));
        assertThat(out).isEqualTo(Row.of(Map.of("id", 3L, "jacksonVersion", BUNDLED_VERSION)));
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                Arguments.of("{\"a\":", "does not hold valid JSON"),
                Arguments.of("", "it is empty"),
                Arguments.of("1 2", "more content after the first value"),
                Arguments.of("99999999999999999999", "does not fit in a 64-bit long"),
                Arguments.of("{'a':1}", "does not hold valid JSON"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalidDocuments")
    void rejectsInvalidJsonNamingTheFieldAndQuotingTheText(String json, String message) {
        assertThatThrownBy(() -> process(Map.of("field", "p"), Row.of(Map.of("p", json))))
                .isInstanceOf(ExtensionException.class)
                .hasMessageStartingWith("json-field: field 'p'")
                .hasMessageContaining(message);
    }

    @Test
    void rejectsANonStringField() {
        assertThatThrownBy(() -> process(Map.of("field", "p"), Row.of(Map.of("p", 5L))))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("must hold JSON text as a string but holds 5");
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(Map.of("field", ""), "field"),
                Arguments.of(Map.of("field", "p", "target", ""), "target"),
                Arguments.of(Map.of("field", "p", "versionField", "p"), "versionField"),
                Arguments.of(Map.of("field", "p", "target", "t", "versionField", "t"), "versionField"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void rejectsUnusableSettingsAtCreate(Map<String, ?> values, String key) {
        Settings settings = Settings.of(JsonFieldProcessorFactory.NAME, values, factory.settings());
        assertThatThrownBy(() -> factory.create(settings, context))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.key()).isEqualTo(key));
    }

    @Test
    void isDiscoverableThroughItsServiceFileAndNamedJsonField() {
        assertThat(ServiceLoader.load(ProcessorFactory.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(JsonFieldProcessorFactory.class);
        assertThat(JsonFieldProcessorFactory.class.getAnnotation(Extension.class).name()).isEqualTo("json-field");
    }
}
