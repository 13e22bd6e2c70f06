package dev.patchbay.plugins.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.SettingsException;
import dev.patchbay.testkit.SettingsError;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"enable.auto.commit", "key.deserializer", "value.deserializer", "group.id",
        "bootstrap.servers"})
    void eachPropertyThePluginOwnsIsRefusedNamingItAndWhatToDo(String key) {
        assertThatThrownBy(() -> SourceHarness.open("properties", Map.of(key, "x")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.key()).isEqualTo("properties"))
                .hasMessageContaining("\"" + key + "\" is set by the plugin and cannot be passed through; ")
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("remove it", "setting instead"));
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of(new Object[] {"topics", null}, "topics", "is missing; give \"topics\""),
                Arguments.of(new Object[] {"topicPattern", "orders-.*"}, "topicPattern",
                        "is given together with 'topics'"),
                Arguments.of(new Object[] {"topics", List.of()}, "topics", "is an empty list"),
                Arguments.of(new Object[] {"topics", List.of("orders", "orders")}, "topics", "is listed twice"),
                Arguments.of(new Object[] {"topics", List.of("bad name")}, "topics",
                        "\"bad name\" is not a Kafka topic name"),
                Arguments.of(new Object[] {"topics", null, "topicPattern", "orders-("}, "topicPattern",
                        "\"orders-(\" is not a valid Java regular expression"),
                Arguments.of(new Object[] {"groupId", " "}, "groupId", "is blank"),
                Arguments.of(new Object[] {"format", "string", "valueField", ""}, "valueField",
                        "a string value needs a field"),
                Arguments.of(new Object[] {"keyField", "topic"}, "topicField",
                        "\"topic\" is also the name of keyField"),
                Arguments.of(new Object[] {"format", "bytes", "offsetField", "value"}, "offsetField",
                        "\"value\" is also the name of valueField"),
                Arguments.of(new Object[] {"properties", Map.of("max.poll.records", List.of(1))}, "properties",
                        "\"max.poll.records\" is a list"));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void badSettingsAreRefusedNamingTheSettingAndTheFix(Object[] settings, String key, String message) {
        assertThatThrownBy(() -> SourceHarness.open(settings))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"format", "keyFormat"})
    void formatsOutsideTheirChoicesAreRefusedByTheHostsCheck(String key) {
        assertThatThrownBy(() -> SourceHarness.open(key, "avro"))
                .isInstanceOf(SettingsError.class)
                .hasMessageContaining("avro");
    }

    @Test
    void theConsumerGetsThePluginsValuesAndThePassThroughProperties() throws Exception {
        try (SourceHarness kafka = SourceHarness.open("properties", Map.of("max.poll.records", 50,
                "auto.offset.reset", "latest", "check.crcs", true))) {
            assertThat(kafka.config).containsEntry("bootstrap.servers", "broker1:9092")
                    .containsEntry("group.id", "billing")
                    .containsEntry("enable.auto.commit", "false")
                    .containsEntry("auto.offset.reset", "latest")
                    .containsEntry("max.poll.records", "50")
                    .containsEntry("check.crcs", "true");
        }
    }

    @Test
    void autoOffsetResetDefaultsToEarliest() throws Exception {
        try (SourceHarness kafka = SourceHarness.open()) {
            assertThat(kafka.config).containsEntry("auto.offset.reset", "earliest")
                    .containsEntry("enable.auto.commit", "false");
        }
    }

    @Test
    void aTopicPatternSubscribesByPattern() throws Exception {
        try (SourceHarness kafka = SourceHarness.open("topics", null, "topicPattern", "ord.*")) {
            kafka.poll();
            assertThat(kafka.consumer.subscription()).isEmpty();
        }
    }
}
