package dev.patchbay.plugins.files;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The type of a CSV column's values, declared in {@code types} or inferred. The names are the JSON type
 * names the api uses for settings ({@code SettingType.jsonName()}: string, integer, number, boolean); the
 * one-letter codes are how a position records the types, so that a resumed read keeps them.
 */
enum ColumnType {

    /** Text; Java String. */
    STRING("string", 's'),
    /** Integers that fit in 64 bits; Java Long. */
    INTEGER("integer", 'i'),
    /** Numbers, integers included, as Java Double. */
    NUMBER("number", 'n'),
    /** true or false in any letter case; Java Boolean. Never inferred. */
    BOOLEAN("boolean", 'b');

    private final String jsonName;
    private final char code;

    ColumnType(String jsonName, char code) {
        this.jsonName = jsonName;
        this.code = code;
    }

    String jsonName() {
        return jsonName;
    }

    char code() {
        return code;
    }

    /** The name with its indefinite article, for messages: "an integer". */
    String withArticle() {
        return (this == INTEGER ? "an " : "a ") + jsonName;
    }

    /** The names, in declaration order, for messages. */
    static List<String> names() {
        return Arrays.stream(values()).map(ColumnType::jsonName).toList();
    }

    static Optional<ColumnType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }

    static Optional<ColumnType> ofCode(char code) {
        return Arrays.stream(values()).filter(t -> t.code == code).findFirst();
    }
}
