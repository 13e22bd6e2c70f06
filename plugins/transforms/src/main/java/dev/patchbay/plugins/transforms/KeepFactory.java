package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import java.util.List;
import java.util.Set;

/** Keeps only the listed fields. */
@Extension(name = "keep", description = "Keeps only the listed fields and removes every other field.")
public final class KeepFactory implements ProcessorFactory {

    static final String FIELDS = "fields";

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required(FIELDS, SettingType.LIST, "The names of the fields to keep, for example"
                + " [\"id\", \"email\"]; the kept fields stay in the record's order and listed fields a record"
                + " lacks are not added."));
    }

    @Override
    public Processor create(Settings settings, ExtensionContext context) {
        Set<String> keep = Set.copyOf(FieldSettings.names(settings, FIELDS, "[\"id\", \"email\"]"));
        return (record, out) -> {
            int kept = 0;
            for (int i = 0; i < record.size(); i++) {
                if (keep.contains(record.name(i))) {
                    kept++;
                }
            }
            if (kept == record.size()) {
                out.emit(record);
                return;
            }
            Row.Builder builder = Row.builder();
            for (int i = 0; i < record.size(); i++) {
                if (keep.contains(record.name(i))) {
                    builder.set(record.name(i), record.value(i));
                }
            }
            out.emit(builder.build());
        };
    }
}
