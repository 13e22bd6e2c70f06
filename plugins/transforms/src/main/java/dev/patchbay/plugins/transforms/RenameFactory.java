package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renames fields, keeping their position and value. */
@Extension(name = "rename", description = "Renames fields; each keeps its position and value.")
public final class RenameFactory implements ProcessorFactory {

    static final String FIELDS = "fields";

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required(FIELDS, SettingType.OBJECT, "Maps current field names to new names, for"
                + " example {\"name\": \"full_name\"}. All renames apply at once, so {\"a\": \"b\", \"b\": \"a\"}"
                + " swaps two fields; a field already named like a target is replaced by the renamed one; absent"
                + " fields are ignored."));
    }

    @Override
    public Processor create(Settings settings, ExtensionContext context) {
        Map<String, Object> entries = FieldSettings.entries(settings, FIELDS, "{\"name\": \"full_name\"}");
        String extension = settings.extension();
        Map<String, String> renames = new HashMap<>();
        Map<String, String> sourceOfTarget = new HashMap<>();
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            String from = entry.getKey();
            if (!(entry.getValue() instanceof String to) || to.isEmpty()) {
                throw new SettingsException(extension, FIELDS, "maps \"" + from + "\" to "
                        + Describe.value(entry.getValue()) + "; the new name must be a non-empty string, for example"
                        + " {\"" + from + "\": \"new_name\"}");
            }
            if (to.equals(from)) {
                throw new SettingsException(extension, FIELDS, "renames \"" + from + "\" to itself; remove the"
                        + " entry or give a different name");
            }
            String other = sourceOfTarget.putIfAbsent(to, from);
            if (other != null) {
                throw new SettingsException(extension, FIELDS, "renames both \"" + other + "\" and \"" + from
                        + "\" to \"" + to + "\"; a record cannot hold two fields of one name, so give distinct"
                        + " targets");
            }
            renames.put(from, to);
        }
        boolean chained = sourceOfTarget.keySet().stream().anyMatch(renames::containsKey);
        return chained ? new SimultaneousRename(renames) : new SequentialRename(renames);
    }

    /** No target is also a source, so applying the renames one by one equals applying them at once. */
    private static final class SequentialRename implements Processor {

        private final String[] from;
        private final String[] to;

        SequentialRename(Map<String, String> renames) {
            from = renames.keySet().toArray(String[]::new);
            to = new String[from.length];
            for (int i = 0; i < from.length; i++) {
                to[i] = renames.get(from[i]);
            }
        }

        @Override
        public void process(Row record, Emitter out) {
            Row result = record;
            for (int i = 0; i < from.length; i++) {
                result = result.renamed(from[i], to[i]);
            }
            out.emit(result);
        }
    }

    /** Chains and swaps (a target that is also a source): every field gets its new name in one pass. */
    private static final class SimultaneousRename implements Processor {

        private final Map<String, String> renames;

        SimultaneousRename(Map<String, String> renames) {
            this.renames = Map.copyOf(renames);
        }

        @Override
        public void process(Row record, Emitter out) {
            Set<String> produced = new HashSet<>();
            for (int i = 0; i < record.size(); i++) {
                String to = renames.get(record.name(i));
                if (to != null) {
                    produced.add(to);
                }
            }
            if (produced.isEmpty()) {
                out.emit(record);
                return;
            }
            Row.Builder builder = Row.builder();
            for (int i = 0; i < record.size(); i++) {
                String name = record.name(i);
                String to = renames.get(name);
                if (to != null) {
                    builder.set(to, record.value(i));
                } else if (!produced.contains(name)) {
                    builder.set(name, record.value(i));
                }
            }
            out.emit(builder.build());
        }
    }
}
