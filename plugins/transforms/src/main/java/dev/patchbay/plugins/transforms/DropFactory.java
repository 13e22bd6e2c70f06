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

/** Removes the listed fields. */
@Extension(name = "drop", description = "Removes the listed fields and keeps every other field.")
public final class DropFactory implements ProcessorFactory {

    static final String FIELDS = "fields";

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required(FIELDS, SettingType.LIST, "The names of the fields to remove, for"
                + " example [\"password\", \"ssn\"]; listed fields a record lacks are ignored."));
    }

    @Override
    public Processor create(Settings settings, ExtensionContext context) {
        String[] drop = FieldSettings.names(settings, FIELDS, "[\"password\", \"ssn\"]").toArray(String[]::new);
        return (record, out) -> {
            Row result = record;
            for (String name : drop) {
                result = result.without(name);
            }
            out.emit(result);
        };
    }
}
