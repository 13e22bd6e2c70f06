package dev.patchbay.plugins.kafka;

import dev.patchbay.api.Row;
import dev.patchbay.api.SettingsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code properties} setting of both extensions: Kafka client properties passed through as they are, except
 * those the plugin owns. Values may be strings, integers, numbers or booleans; each is handed to the client as
 * text, which Kafka's config parser reads for every type.
 */
final class ClientProperties {

    private ClientProperties() {
    }

    /** One property the plugin owns, with what the operator should do instead of setting it. */
    record Owned(String key, String instead) {
    }

    /**
     * Checks the operator's properties against the owned ones.
     *
     * @param extension the extension name, for the message
     * @param properties the {@code properties} setting
     * @param owned what the plugin sets itself
     * @return the properties as client configuration, in the operator's order
     * @throws SettingsException naming the first bad key and what to do instead
     */
    static Map<String, Object> check(String extension, Row properties, List<Owned> owned) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (int i = 0; i < properties.size(); i++) {
            String key = properties.name(i);
            Object value = properties.value(i);
            for (Owned own : owned) {
                if (own.key().equals(key)) {
                    throw new SettingsException(extension, "properties", "\"" + key + "\" is set by the plugin and"
                            + " cannot be passed through; " + own.instead());
                }
            }
            if (!(value instanceof String || value instanceof Long || value instanceof Double
                    || value instanceof Boolean)) {
                throw new SettingsException(extension, "properties", "\"" + key + "\" is "
                        + (value == null ? "null" : "a " + typeName(value) + " (" + value + ")")
                        + "; give a Kafka client property a string, number or boolean value");
            }
            config.put(key, String.valueOf(value));
        }
        return config;
    }

    private static String typeName(Object value) {
        return value instanceof Row ? "object" : value instanceof List ? "list" : value.getClass().getSimpleName();
    }
}
