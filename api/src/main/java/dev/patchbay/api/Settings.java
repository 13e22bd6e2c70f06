package dev.patchbay.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The validated settings of one configured extension: the operator's values checked against the
 * extension's {@link Setting} descriptions, with defaults filled in.
 *
 * <p>The host creates instances with {@link #of}; plugin authors can do the same in unit tests.
 * Instances are immutable.
 *
 * @since 1.0.0
 */
public final class Settings {

    private final String extension;
    private final Map<String, Object> values;

    private Settings(String extension, Map<String, Object> values) {
        this.extension = extension;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Checks an operator's values against an extension's setting descriptions and reports every problem:
     * unknown keys, missing required settings, wrong types and values outside the choices.
     *
     * @param extension the extension name, used in the messages
     * @param values the operator's values, keyed by setting key; values of record value types
     * @param spec the extension's setting descriptions
     * @return one exception per problem, in key order of the spec then of the values; empty if valid
     */
    public static List<SettingsException> check(String extension, Map<String, ?> values, List<Setting> spec) {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(spec, "spec");
        Map<String, Setting> byKey = index(spec);
        List<SettingsException> problems = new ArrayList<>();
        for (Setting setting : spec) {
            if (!values.containsKey(setting.key())) {
                if (setting.required()) {
                    problems.add(new SettingsException(extension, setting.key(), "is required but missing; add \""
                            + setting.key() + "\": <" + setting.type().jsonName() + "> (" + setting.description()
                            + ")"));
                }
                continue;
            }
            setting.check(values.get(setting.key())).ifPresent(
                    message -> problems.add(new SettingsException(extension, setting.key(), message)));
        }
        for (String key : values.keySet()) {
            if (!byKey.containsKey(key)) {
                problems.add(new SettingsException(extension, key, "is not a setting of this extension; "
                        + (byKey.isEmpty() ? "it takes no settings" : "known settings are " + byKey.keySet())));
            }
        }
        return problems;
    }

    /**
     * Validates an operator's values and returns the settings with defaults filled in.
     *
     * @param extension the extension name, used in messages
     * @param values the operator's values, keyed by setting key
     * @param spec the extension's setting descriptions
     * @return the settings
     * @throws SettingsException for the first problem {@link #check} finds, with the others attached as
     *         suppressed exceptions
     */
    public static Settings of(String extension, Map<String, ?> values, List<Setting> spec) {
        List<SettingsException> problems = check(extension, values, spec);
        if (!problems.isEmpty()) {
            SettingsException first = problems.get(0);
            problems.subList(1, problems.size()).forEach(first::addSuppressed);
            throw first;
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (Setting setting : spec) {
            if (values.containsKey(setting.key())) {
                Object canonical = Values.canonical(setting.key(), values.get(setting.key()));
                resolved.put(setting.key(), setting.coerce(canonical));
            } else {
                setting.defaultValue().ifPresent(value -> resolved.put(setting.key(), value));
            }
        }
        return new Settings(extension, resolved);
    }

    /**
     * Returns the name of the extension these settings belong to.
     *
     * @return the extension name
     */
    public String extension() {
        return extension;
    }

    /**
     * Returns the value of a setting that was given or has a default.
     *
     * @param key the key
     * @return the value, empty if neither given nor defaulted
     */
    public Optional<Object> find(String key) {
        return Optional.ofNullable(values.get(Objects.requireNonNull(key, "key")));
    }

    /**
     * Returns a STRING setting.
     *
     * @param key the key
     * @return the value
     * @throws SettingsException if the setting is absent or not a string
     */
    public String getString(String key) {
        return get(key, String.class, SettingType.STRING);
    }

    /**
     * Returns a LONG setting.
     *
     * @param key the key
     * @return the value
     * @throws SettingsException if the setting is absent or not an integer
     */
    public long getLong(String key) {
        return get(key, Long.class, SettingType.LONG);
    }

    /**
     * Returns a DOUBLE setting.
     *
     * @param key the key
     * @return the value
     * @throws SettingsException if the setting is absent or not a number
     */
    public double getDouble(String key) {
        return get(key, Double.class, SettingType.DOUBLE);
    }

    /**
     * Returns a BOOLEAN setting.
     *
     * @param key the key
     * @return the value
     * @throws SettingsException if the setting is absent or not a boolean
     */
    public boolean getBoolean(String key) {
        return get(key, Boolean.class, SettingType.BOOLEAN);
    }

    /**
     * Returns a LIST setting.
     *
     * @param key the key
     * @return the value, unmodifiable; elements are record values
     * @throws SettingsException if the setting is absent or not a list
     */
    @SuppressWarnings("unchecked")
    public List<Object> getList(String key) {
        return get(key, List.class, SettingType.LIST);
    }

    /**
     * Returns a LIST setting whose elements must all be strings.
     *
     * @param key the key
     * @return the strings, unmodifiable
     * @throws SettingsException if the setting is absent, not a list, or holds a non-string, quoting it
     */
    public List<String> getStringList(String key) {
        List<Object> list = getList(key);
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String)) {
                throw new SettingsException(extension, key, "element " + i + " must be a string but is "
                        + Values.typeName(list.get(i)) + " " + list.get(i));
            }
        }
        return list.stream().map(String.class::cast).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Returns an OBJECT setting.
     *
     * @param key the key
     * @return the value as a record
     * @throws SettingsException if the setting is absent or not an object
     */
    public Row getObject(String key) {
        return get(key, Row.class, SettingType.OBJECT);
    }

    /**
     * Returns all resolved settings.
     *
     * @return an unmodifiable map from key to value, defaults included
     */
    public Map<String, Object> asMap() {
        return values;
    }

    private <T> T get(String key, Class<T> javaType, SettingType type) {
        Object value = values.get(Objects.requireNonNull(key, "key"));
        if (value == null) {
            throw new SettingsException(extension, key, "is not set and has no default; set it to "
                    + ("aeiou".indexOf(type.jsonName().charAt(0)) >= 0 ? "an " : "a ") + type.jsonName());
        }
        if (!javaType.isInstance(value)) {
            throw new SettingsException(extension, key, "is " + Values.typeName(value) + " " + value
                    + ", not " + type.jsonName());
        }
        return javaType.cast(value);
    }

    private static Map<String, Setting> index(List<Setting> spec) {
        Map<String, Setting> byKey = new LinkedHashMap<>();
        for (Setting setting : spec) {
            if (byKey.put(setting.key(), setting) != null) {
                throw new IllegalArgumentException("setting '" + setting.key()
                        + "' is described twice; each key must appear once");
            }
        }
        return byKey;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Settings that && extension.equals(that.extension) && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(extension, values);
    }

    @Override
    public String toString() {
        return "Settings[" + extension + " " + values + "]";
    }
}
