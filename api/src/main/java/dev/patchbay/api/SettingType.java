package dev.patchbay.api;

import java.util.List;

/**
 * The type of a setting's value, as it appears in the operator's JSON configuration.
 *
 * @since 1.0.0
 */
public enum SettingType {

    /** A JSON string. */
    STRING("string"),
    /** A JSON integer that fits in a {@code long}. */
    LONG("integer"),
    /** A JSON number; integers are accepted and widened. */
    DOUBLE("number"),
    /** A JSON {@code true} or {@code false}. */
    BOOLEAN("boolean"),
    /** A JSON array; the extension validates its elements. */
    LIST("array"),
    /** A JSON object, handed over as a {@link Row}; the extension validates its fields. */
    OBJECT("object");

    private final String jsonName;

    SettingType(String jsonName) {
        this.jsonName = jsonName;
    }

    /**
     * Returns the JSON type name used in documentation and error messages, such as {@code integer}.
     *
     * @return the name
     */
    public String jsonName() {
        return jsonName;
    }

    /**
     * Converts a canonical record value to this type if the JSON type matches.
     *
     * @param value a canonical value, possibly null
     * @return the converted value, or null if the value does not have this type
     */
    Object coerce(Object value) {
        return switch (this) {
            case STRING -> value instanceof String ? value : null;
            case LONG -> value instanceof Long ? value : null;
            case DOUBLE -> value instanceof Double ? value
                    : value instanceof Long l ? Double.valueOf(l.doubleValue()) : null;
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case LIST -> value instanceof List ? value : null;
            case OBJECT -> value instanceof Row ? value : null;
        };
    }
}
