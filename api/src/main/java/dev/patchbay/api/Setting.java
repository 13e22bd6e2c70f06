package dev.patchbay.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Describes one setting an extension accepts: its key, type, whether it is required, its default and
 * what it does. The host validates an operator's settings against these descriptions before it creates
 * anything, and prints them as documentation.
 *
 * <p>Instances are immutable; create them with {@link #required} or {@link #optional} and refine them
 * with {@link #withDefault} and {@link #oneOf}.
 *
 * @since 1.0.0
 */
public final class Setting {

    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9]*");

    private final String key;
    private final SettingType type;
    private final boolean required;
    private final Object defaultValue;
    private final List<String> choices;
    private final String description;
    private final PathRole pathRole;

    private Setting(String key, SettingType type, boolean required, Object defaultValue, List<String> choices,
            String description, PathRole pathRole) {
        this.key = Objects.requireNonNull(key, "key");
        this.pathRole = pathRole;
        if (pathRole != null && type != SettingType.STRING) {
            throw new IllegalArgumentException("setting '" + key + "' is marked as a path but has type " + type
                    + "; paths are STRING settings");
        }
        this.type = Objects.requireNonNull(type, "type");
        this.description = Objects.requireNonNull(description, "description");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("setting key '" + key
                    + "' is not valid; use lowerCamelCase letters and digits, for example 'maxBatchSize'");
        }
        this.required = required;
        this.choices = List.copyOf(choices);
        if (!this.choices.isEmpty() && type != SettingType.STRING) {
            throw new IllegalArgumentException("setting '" + key + "' has choices but type " + type
                    + "; choices apply to STRING settings only");
        }
        if (defaultValue != null) {
            Object canonical = Values.canonical(key, defaultValue);
            Object coerced = type.coerce(canonical);
            if (coerced == null) {
                throw new IllegalArgumentException("default of setting '" + key + "' is a "
                        + Values.typeName(canonical) + " (" + canonical + ") but the setting is of type "
                        + type.jsonName());
            }
            this.defaultValue = coerced;
        } else {
            this.defaultValue = null;
        }
        if (this.defaultValue != null && !this.choices.isEmpty() && !this.choices.contains(this.defaultValue)) {
            throw new IllegalArgumentException("default '" + this.defaultValue + "' of setting '" + key
                    + "' is not one of its choices " + this.choices);
        }
    }

    /**
     * Describes a setting the operator must give.
     *
     * @param key the key, in lowerCamelCase, for example {@code path}
     * @param type the value type
     * @param description what the setting does, one sentence
     * @return the description
     */
    public static Setting required(String key, SettingType type, String description) {
        return new Setting(key, type, true, null, List.of(), description, null);
    }

    /**
     * Describes a setting the operator may leave out; it has no default until {@link #withDefault}.
     *
     * @param key the key, in lowerCamelCase
     * @param type the value type
     * @param description what the setting does, one sentence
     * @return the description
     */
    public static Setting optional(String key, SettingType type, String description) {
        return new Setting(key, type, false, null, List.of(), description, null);
    }

    /**
     * Returns a copy of this optional setting with a default value.
     *
     * @param value the default, of this setting's type
     * @return the changed copy
     * @throws IllegalStateException if the setting is required
     * @throws IllegalArgumentException if the value does not match the type or choices
     */
    public Setting withDefault(Object value) {
        Objects.requireNonNull(value, "value");
        if (required) {
            throw new IllegalStateException("required setting '" + key + "' cannot have a default");
        }
        return new Setting(key, type, false, value, choices, description, pathRole);
    }

    /**
     * Returns a copy of this STRING setting that accepts only the given values.
     *
     * @param allowed the allowed values
     * @return the changed copy
     */
    public Setting oneOf(String... allowed) {
        return new Setting(key, type, required, defaultValue, List.of(allowed), description, pathRole);
    }

    /**
     * Returns a copy of this STRING setting marked as the path of a file or directory the extension reads.
     * The host resolves a relative value against {@link ExtensionContext#baseDirectory()} and can then
     * check, before anything runs, that the input exists.
     *
     * @return the changed copy
     * @throws IllegalArgumentException if the setting is not of type STRING
     * @since 1.1.0
     */
    public Setting asInputPath() {
        return new Setting(key, type, required, defaultValue, choices, description, PathRole.INPUT);
    }

    /**
     * Returns a copy of this STRING setting marked as the path of a file or directory the extension
     * writes. The host resolves a relative value against {@link ExtensionContext#baseDirectory()}, checks
     * before anything runs that it can be written, and tells the operator where the output went.
     *
     * @return the changed copy
     * @throws IllegalArgumentException if the setting is not of type STRING
     * @since 1.1.0
     */
    public Setting asOutputPath() {
        return new Setting(key, type, required, defaultValue, choices, description, PathRole.OUTPUT);
    }

    /**
     * Tells whether the setting names a file the extension reads or writes, as marked by
     * {@link #asInputPath()} or {@link #asOutputPath()}.
     *
     * @return the role, or empty for a setting that is not a path
     * @since 1.1.0
     */
    public Optional<PathRole> pathRole() {
        return Optional.ofNullable(pathRole);
    }

    /**
     * Returns the key.
     *
     * @return the key
     */
    public String key() {
        return key;
    }

    /**
     * Returns the value type.
     *
     * @return the type
     */
    public SettingType type() {
        return type;
    }

    /**
     * Tells whether the operator must give the setting.
     *
     * @return true if required
     */
    public boolean required() {
        return required;
    }

    /**
     * Returns the default value, if any.
     *
     * @return the default, of this setting's type
     */
    public Optional<Object> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * Returns the allowed values of a STRING setting; empty when any string is allowed.
     *
     * @return the choices, unmodifiable
     */
    public List<String> choices() {
        return choices;
    }

    /**
     * Returns what the setting does.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Checks a value given by an operator.
     *
     * @param value a value of a record value type; null stands for JSON null
     * @return empty if the value is acceptable, otherwise a message that quotes the value and says what
     *         is expected, without the key
     */
    public Optional<String> check(Object value) {
        Object canonical;
        try {
            canonical = Values.canonical(key, value);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (type.coerce(canonical) == null) {
            return Optional.of("expected " + article(type.jsonName()) + " but got " + describe(canonical));
        }
        if (!choices.isEmpty() && !choices.contains(canonical)) {
            return Optional.of("expected one of " + choices + " but got \"" + canonical + "\"");
        }
        return Optional.empty();
    }

    Object coerce(Object canonical) {
        return type.coerce(canonical);
    }

    private static String describe(Object value) {
        String type = Values.typeName(value);
        return value == null ? "null" : value instanceof String s ? "string \"" + s + "\"" : type + " " + value;
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Setting that && key.equals(that.key) && type == that.type
                && required == that.required && Objects.equals(defaultValue, that.defaultValue)
                && choices.equals(that.choices) && description.equals(that.description)
                && pathRole == that.pathRole;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, type, required, defaultValue, choices, description, pathRole);
    }

    @Override
    public String toString() {
        return "Setting[" + key + ": " + type.jsonName() + (required ? ", required" : "")
                + (defaultValue != null ? ", default " + defaultValue : "")
                + (pathRole != null ? ", " + pathRole.name().toLowerCase(Locale.ROOT) + " path" : "") + "]";
    }

    /**
     * What a path setting names, from the extension's side.
     *
     * @since 1.1.0
     */
    public enum PathRole {
        /** A file or directory the extension reads. */
        INPUT,
        /** A file or directory the extension writes. */
        OUTPUT
    }
}
