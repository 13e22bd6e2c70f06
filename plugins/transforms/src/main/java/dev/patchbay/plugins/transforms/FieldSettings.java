package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and validates the {@code fields} style settings that several transforms share. */
final class FieldSettings {

    private FieldSettings() {
    }

    /**
     * Reads a LIST setting of field names: at least one, each a non-empty string, none repeated.
     *
     * @throws SettingsException naming the key and quoting the bad element
     */
    static List<String> names(Settings settings, String key, String example) {
        List<Object> list = settings.getList(key);
        String extension = settings.extension();
        if (list.isEmpty()) {
            throw new SettingsException(extension, key, "is an empty list; list at least one field name, for"
                    + " example " + example);
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            if (!(element instanceof String name)) {
                throw new SettingsException(extension, key, "element " + i + " is " + Describe.value(element)
                        + "; field names must be strings, for example " + example);
            }
            if (name.isEmpty()) {
                throw new SettingsException(extension, key, "element " + i + " is an empty string; give the"
                        + " field's name");
            }
            Integer previous = seen.putIfAbsent(name, i);
            if (previous != null) {
                throw new SettingsException(extension, key, "names field " + Describe.quote(name) + " twice"
                        + " (elements " + previous + " and " + i + "); list each field once");
            }
        }
        return List.copyOf(seen.keySet());
    }

    /**
     * Reads an OBJECT setting keyed by field name, in the operator's order; it must have at least one
     * entry and no empty names.
     *
     * @throws SettingsException naming the key
     */
    static Map<String, Object> entries(Settings settings, String key, String example) {
        Row object = settings.getObject(key);
        if (object.size() == 0) {
            throw new SettingsException(settings.extension(), key, "is an empty object; give at least one"
                    + " entry, for example " + example);
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < object.size(); i++) {
            if (object.name(i).isEmpty()) {
                throw new SettingsException(settings.extension(), key, "has an entry with an empty field name;"
                        + " give the field's name");
            }
            entries.put(object.name(i), object.value(i));
        }
        return entries;
    }
}
