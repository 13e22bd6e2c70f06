package dev.patchbay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Row;
import dev.patchbay.api.Setting;
import dev.patchbay.api.Settings;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProcessorTesterTest {

    private final TestFactories.UpperFactory factory = new TestFactories.UpperFactory();

    @Test
    void processCollectsEveryRowTheProcessorEmitsInOrder() {
        try (ProcessorTester upper = ProcessorTester.create(factory, Map.of("field", "name", "times", 2L))) {
            assertThat(upper.process(Row.of(Map.of("name", "ada")), Row.of(Map.of("name", "bob"))))
                    .containsExactly(Row.of(Map.of("name", "ADA")), Row.of(Map.of("name", "ADA")),
                            Row.of(Map.of("name", "BOB")), Row.of(Map.of("name", "BOB")));
            assertThat(upper.process(List.of())).isEmpty();
        }
    }

    @Test
    void rejectionsAndCountersTheProcessorReportsAreRecordedInItsContext() {
        try (ProcessorTester upper = ProcessorTester.create(factory, Map.of("field", "name"))) {
            assertThat(upper.process(Row.of(Map.of("id", 1L)), Row.of(Map.of("name", "ada")), Row.empty()))
                    .containsExactly(Row.of(Map.of("name", "ADA")));

            assertThat(upper.context().rejections()).containsExactly(
                    new Rejection("has no field 'name'", "", ""), new Rejection("has no field 'name'", "", ""));
            assertThat(upper.context().counters()).containsExactly(Map.entry("missingField", 2L));
        }
    }

    @Test
    void settingsAreResolvedWithDefaultsAndTheContextIsNamedAfterTheExtension() {
        try (ProcessorTester upper = ProcessorTester.create(factory, Map.of("field", "name"))) {
            assertThat(upper.settings().asMap()).containsEntry("mode", "upper").containsEntry("times", 1L);
            assertThat(upper.context().extensionName()).isEqualTo("upper");
            assertThat(upper.context().logLines()).containsExactly("INFO changing name");
        }
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of("unknown key next to a missing required one", Map.of("feild", "name"), List.of(
                        "test-plugin/upper: setting 'field' is required but missing; fix: add \"field\": <string>"
                                + " (the field to change)",
                        "test-plugin/upper: setting 'feild' is not a setting of this extension; fix: did you mean"
                                + " 'field'? remove or correct it; known settings are [field, mode, times]")),
                Arguments.of("wrong type", Map.of("field", "name", "times", "two"), List.of(
                        "test-plugin/upper: setting 'times' expected an integer but got string \"two\"; fix: give"
                                + " an integer (how many copies to emit)")),
                Arguments.of("value outside the choices", Map.of("field", "name", "mode", "title"), List.of(
                        "test-plugin/upper: setting 'mode' expected one of [upper, lower] but got \"title\"; fix:"
                                + " use one of [upper, lower]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void invalidSettingsFailWithEveryProblemAsTheOperatorSeesIt(String caseName, Map<String, ?> settings,
            List<String> problems) {
        assertThatThrownBy(() -> ProcessorTester.create(factory, settings))
                .isInstanceOfSatisfying(SettingsError.class, error -> assertThat(error.problems())
                        .containsExactlyElementsOf(problems))
                .hasMessageStartingWith(problems.size() + " settings problem")
                .hasMessageContaining("as `patchbay config check` report");
        assertThat(factory.calls).noneMatch(call -> call.startsWith("create"));
    }

    @Test
    void settingsErrorLaysOutPathMessageAndFixLikeConfigCheck() {
        assertThatThrownBy(() -> ProcessorTester.create(factory, Map.of("field", "name", "mode", "title"),
                TestContext.builder().pluginId("case").extensionName("upper").build()))
                .hasMessage("1 settings problem for case/upper, as `patchbay config check` reports it:\n"
                        + "  settings.mode\n"
                        + "      case/upper: setting 'mode' expected one of [upper, lower] but got \"title\"\n"
                        + "      fix: use one of [upper, lower]");
    }

    @Test
    void everyCallRunsUnderTheFactorysClassLoaderAndRestoresTheCallersAfterwards() {
        ClassLoader foreign = new ClassLoader("foreign", null) { };
        String factoryLoader = String.valueOf(factory.getClass().getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(foreign);
        try {
            ProcessorTester upper = ProcessorTester.create(factory, Map.of("field", "name"));
            assertThat(thread.getContextClassLoader()).isSameAs(foreign);
            upper.process(Row.of(Map.of("name", "x")));
            assertThat(thread.getContextClassLoader()).isSameAs(foreign);
            upper.close();
            assertThat(thread.getContextClassLoader()).isSameAs(foreign);
        } finally {
            thread.setContextClassLoader(original);
        }
        assertThat(factory.calls).containsExactly("settings " + factoryLoader, "create " + factoryLoader,
                "process " + factoryLoader, "close " + factoryLoader);
    }

    @Test
    void closeClosesTheProcessorOnceAndLaterUseFails() {
        ProcessorTester upper = ProcessorTester.create(factory, Map.of("field", "name"));
        upper.close();
        upper.close();
        assertThat(factory.calls).filteredOn(call -> call.startsWith("close")).hasSize(1);
        assertThatThrownBy(() -> upper.process(Row.empty())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aProcessorThatEmitsNullFailsNamingTheInputRow() {
        try (ProcessorTester nulls = ProcessorTester.create(new NullEmitter(), Map.of())) {
            assertThatThrownBy(() -> nulls.process(Row.of(Map.of("id", 7L))))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("test-plugin/nulls: the processor emitted null for {id=7}; emit rows only");
        }
    }

    @Extension(name = "nulls")
    static final class NullEmitter implements ProcessorFactory {
        @Override
        public List<Setting> settings() {
            return List.of();
        }

        @Override
        public Processor create(Settings settings, ExtensionContext context) {
            return (Row record, Emitter out) -> out.emit(null);
        }
    }
}
