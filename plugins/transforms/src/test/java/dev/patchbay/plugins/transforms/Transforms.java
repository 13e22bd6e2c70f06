package dev.patchbay.plugins.transforms;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.api.Extension;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import dev.patchbay.testkit.ProcessorTester;
import dev.patchbay.testkit.TestContext;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates processors the way the host does (settings validated against the factory's description,
 * then {@code create}) from JSON written with single quotes, and runs records through them.
 */
final class Transforms {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(JsonParser.Feature.ALLOW_SINGLE_QUOTES, true)
            .configure(DeserializationFeature.USE_LONG_FOR_INTS, true);

    private Transforms() {
    }

    static Map<String, Object> json(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("test JSON is malformed: " + json, e);
        }
    }

    static Row record(String json) {
        return Row.of(json(json));
    }

    static String name(ProcessorFactory factory) {
        return factory.getClass().getAnnotation(Extension.class).name();
    }

    /** The context the host would give a transform in the first processor slot of a pipeline named test. */
    static TestContext context(ProcessorFactory factory) {
        return TestContext.builder().pluginId("transforms").extensionName(name(factory))
                .stageId("test/processors[0]").build();
    }

    static Processor create(ProcessorFactory factory, String settingsJson) {
        return create(factory, settingsJson, context(factory));
    }

    static Processor create(ProcessorFactory factory, String settingsJson, TestContext context) {
        Settings settings = Settings.of(name(factory), json(settingsJson), factory.settings());
        return factory.create(settings, context);
    }

    static List<Row> run(Processor processor, Row... records) {
        List<Row> out = new ArrayList<>();
        for (Row record : records) {
            processor.process(record, out::add);
        }
        return out;
    }

    /** Runs records through the test kit, which validates the settings with the host's own messages. */
    static List<Row> run(ProcessorFactory factory, String settingsJson, Row... records) {
        try (ProcessorTester tester = ProcessorTester.create(factory, json(settingsJson), context(factory))) {
            return tester.process(records);
        }
    }

    /** Runs one record through and returns the single output as JSON-like text with field order. */
    static String one(ProcessorFactory factory, String settingsJson, String recordJson) {
        List<Row> out = run(factory, settingsJson, record(recordJson));
        if (out.size() != 1) {
            throw new AssertionError("expected one output record but got " + out);
        }
        return out.get(0).toString();
    }

    /** Returns the exception that validating and creating with these settings fails with. */
    static SettingsException invalid(ProcessorFactory factory, String settingsJson) {
        SettingsException[] thrown = new SettingsException[1];
        assertThatThrownBy(() -> create(factory, settingsJson))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> thrown[0] = (SettingsException) e);
        return thrown[0];
    }
}
