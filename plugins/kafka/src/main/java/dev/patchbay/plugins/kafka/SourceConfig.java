package dev.patchbay.plugins.kafka;

import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The validated settings of one {@code kafka/source}: what to subscribe to, how to map a message to a record, and
 * the consumer's configuration.
 *
 * @param topics the topics to subscribe to; empty when {@code topicPattern} is used
 * @param topicPattern the pattern of topic names to subscribe to, when {@code topics} is not used
 * @param format how a value becomes record fields
 * @param keyFormat how a key becomes the key field's value
 * @param fields the record field names
 * @param consumerConfig the consumer's configuration, the plugin's own values included
 */
record SourceConfig(String bootstrapServers, String groupId, List<String> topics, Optional<Pattern> topicPattern,
        Format format, KeyFormat keyFormat, FieldNames fields, Map<String, Object> consumerConfig) {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** The properties the consumer gets from the plugin, never from {@code properties}. */
    static final List<ClientProperties.Owned> OWNED = List.of(
            new ClientProperties.Owned("enable.auto.commit", "the source commits offsets itself, only after the"
                    + " host has committed the records before them; remove it"),
            new ClientProperties.Owned("key.deserializer", "keys are read as bytes and mapped by the keyFormat"
                    + " setting; remove it and set keyFormat"),
            new ClientProperties.Owned("value.deserializer", "values are read as bytes and mapped by the format"
                    + " setting; remove it and set format"),
            new ClientProperties.Owned("group.id", "use the groupId setting instead"),
            new ClientProperties.Owned("bootstrap.servers", "use the bootstrapServers setting instead"));

    /** Value formats. */
    enum Format { JSON, STRING, BYTES }

    /** Key formats. */
    enum KeyFormat { STRING, BYTES, JSON }

    /**
     * The record's field names; an empty name leaves that metadata field out.
     *
     * @param value the field of a string or bytes value; unused for JSON values
     */
    record FieldNames(String value, String key, String topic, String partition, String offset, String timestamp,
            String headers) {
    }

    SourceConfig {
        topics = List.copyOf(topics);
        consumerConfig = Map.copyOf(consumerConfig);
    }

    /**
     * Reads and checks the settings.
     *
     * @throws SettingsException naming the setting, quoting the bad value and saying how to fix it
     */
    static SourceConfig of(String extension, Settings settings) {
        String servers = nonBlank(extension, settings, "bootstrapServers");
        String groupId = nonBlank(extension, settings, "groupId");
        boolean hasTopics = settings.find("topics").isPresent();
        boolean hasPattern = settings.find("topicPattern").isPresent();
        if (hasTopics == hasPattern) {
            throw new SettingsException(extension, hasTopics ? "topicPattern" : "topics", hasTopics
                    ? "is given together with 'topics'; give either a list of topics or one topicPattern, not both"
                    : "is missing; give \"topics\": [\"orders\"] or \"topicPattern\": \"orders-.*\"");
        }
        List<String> topics = hasTopics ? topics(extension, settings) : List.of();
        Optional<Pattern> pattern = hasPattern ? Optional.of(pattern(extension, settings)) : Optional.empty();
        Format format = Format.valueOf(settings.getString("format").toUpperCase(Locale.ROOT));
        KeyFormat keyFormat = KeyFormat.valueOf(settings.getString("keyFormat").toUpperCase(Locale.ROOT));
        FieldNames fields = new FieldNames(settings.getString("valueField"), settings.getString("keyField"),
                settings.getString("topicField"), settings.getString("partitionField"),
                settings.getString("offsetField"), settings.getString("timestampField"),
                settings.getString("headersField"));
        checkFields(extension, format, fields);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("auto.offset.reset", "earliest");
        config.putAll(ClientProperties.check(extension, settings.find("properties").map(Row.class::cast)
                .orElse(Row.empty()), OWNED));
        config.put("bootstrap.servers", servers);
        config.put("group.id", groupId);
        config.put("enable.auto.commit", "false");
        return new SourceConfig(servers, groupId, topics, pattern, format, keyFormat, fields, config);
    }

    /** What the source reads, for messages: {@code topics [orders, refunds]} or {@code topics matching "o.*"}. */
    String subscription() {
        return topicPattern.map(p -> "topics matching \"" + p.pattern() + "\"")
                .orElseGet(() -> (topics.size() == 1 ? "topic " : "topics ") + String.join(", ", topics));
    }

    private static String nonBlank(String extension, Settings settings, String key) {
        String value = settings.getString(key);
        if (value.isBlank()) {
            throw new SettingsException(extension, key, "is blank; give a non-empty value");
        }
        return value;
    }

    private static List<String> topics(String extension, Settings settings) {
        List<String> topics = settings.getStringList("topics");
        if (topics.isEmpty()) {
            throw new SettingsException(extension, "topics", "is an empty list; name at least one topic");
        }
        Set<String> seen = new HashSet<>();
        for (String topic : topics) {
            if (!TOPIC.matcher(topic).matches()) {
                throw new SettingsException(extension, "topics", "\"" + topic + "\" is not a Kafka topic name;"
                        + " a topic name has 1 to 249 letters, digits, '.', '_' or '-'");
            }
            if (!seen.add(topic)) {
                throw new SettingsException(extension, "topics", "\"" + topic + "\" is listed twice; list each"
                        + " topic once");
            }
        }
        return topics;
    }

    private static Pattern pattern(String extension, Settings settings) {
        String text = settings.getString("topicPattern");
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            SettingsException failure = new SettingsException(extension, "topicPattern", "\"" + text
                    + "\" is not a valid Java regular expression: " + e.getDescription() + " near index "
                    + e.getIndex());
            failure.initCause(e);
            throw failure;
        }
    }

    private static void checkFields(String extension, Format format, FieldNames fields) {
        Map<String, String> used = new LinkedHashMap<>();
        List<String[]> named = new ArrayList<>();
        if (format != Format.JSON) {
            if (fields.value().isEmpty()) {
                throw new SettingsException(extension, "valueField", "is empty, but a " + format.name()
                        .toLowerCase(Locale.ROOT) + " value needs a field; name one, such as \"value\"");
            }
            named.add(new String[] {"valueField", fields.value()});
        }
        named.add(new String[] {"keyField", fields.key()});
        named.add(new String[] {"topicField", fields.topic()});
        named.add(new String[] {"partitionField", fields.partition()});
        named.add(new String[] {"offsetField", fields.offset()});
        named.add(new String[] {"timestampField", fields.timestamp()});
        named.add(new String[] {"headersField", fields.headers()});
        for (String[] pair : named) {
            if (pair[1].isEmpty()) {
                continue;
            }
            String before = used.putIfAbsent(pair[1], pair[0]);
            if (before != null) {
                throw new SettingsException(extension, pair[0], "\"" + pair[1] + "\" is also the name of "
                        + before + "; give each field its own name, or \"\" to leave a metadata field out");
            }
        }
    }
}
