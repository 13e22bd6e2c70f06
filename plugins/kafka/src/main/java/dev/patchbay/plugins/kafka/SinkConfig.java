package dev.patchbay.plugins.kafka;

import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validated settings of one {@code kafka/sink}.
 *
 * @param topic the topic every record goes to, when {@code topicField} is not used
 * @param topicField the field whose text names each record's topic, when {@code topic} is not used
 * @param keyField the field whose value is the message key, if any
 * @param producerConfig the producer's configuration, the plugin's own values included
 */
record SinkConfig(String bootstrapServers, Optional<String> topic, Optional<String> topicField,
        Optional<String> keyField, Map<String, Object> producerConfig) {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** The properties the producer gets from the plugin, never from {@code properties}. */
    static final List<ClientProperties.Owned> OWNED = List.of(
            new ClientProperties.Owned("key.serializer", "keys are sent as bytes, taken from the keyField; remove it"),
            new ClientProperties.Owned("value.serializer", "values are sent as the record's JSON; remove it"),
            new ClientProperties.Owned("enable.idempotence", "the producer is always idempotent, so that a retried"
                    + " send cannot write a record twice; remove it"),
            new ClientProperties.Owned("acks", "the producer always waits for all in-sync replicas (acks=all), so"
                    + " that a flushed record survives a broker failure; remove it"),
            new ClientProperties.Owned("bootstrap.servers", "use the bootstrapServers setting instead"));

    SinkConfig {
        producerConfig = Map.copyOf(producerConfig);
    }

    /**
     * Reads and checks the settings.
     *
     * @throws SettingsException naming the setting, quoting the bad value and saying how to fix it
     */
    static SinkConfig of(String extension, Settings settings) {
        String servers = settings.getString("bootstrapServers");
        if (servers.isBlank()) {
            throw new SettingsException(extension, "bootstrapServers", "is blank; give host:port pairs");
        }
        Optional<String> topic = settings.find("topic").map(String.class::cast);
        Optional<String> topicField = settings.find("topicField").map(String.class::cast);
        if (topic.isPresent() == topicField.isPresent()) {
            throw new SettingsException(extension, topic.isPresent() ? "topicField" : "topic", topic.isPresent()
                    ? "is given together with 'topic'; give either one topic or the field that names each"
                    + " record's topic, not both"
                    : "is missing; give \"topic\": \"orders\", or \"topicField\": \"<field>\" to route each record");
        }
        topic.filter(name -> !TOPIC.matcher(name).matches()).ifPresent(name -> {
            throw new SettingsException(extension, "topic", "\"" + name + "\" is not a Kafka topic name; a topic"
                    + " name has 1 to 249 letters, digits, '.', '_' or '-'");
        });
        topicField.filter(String::isEmpty).ifPresent(name -> {
            throw new SettingsException(extension, "topicField", "is empty; name the field that holds the topic");
        });
        Optional<String> keyField = settings.find("keyField").map(String.class::cast).filter(name -> !name.isEmpty());
        Map<String, Object> config = new LinkedHashMap<>(ClientProperties.check(extension,
                settings.find("properties").map(Row.class::cast).orElse(Row.empty()), OWNED));
        config.put("bootstrap.servers", servers);
        config.put("enable.idempotence", "true");
        config.put("acks", "all");
        return new SinkConfig(servers, topic, topicField, keyField, config);
    }
}
