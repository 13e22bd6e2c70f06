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
import java.util.Map;

/** Sets fields to constant values. */
@Extension(name = "set", description = "Sets fields to constant values.")
public final class SetFactory implements ProcessorFactory {

    static final String FIELDS = "fields";
    static final String OVERWRITE = "overwrite";

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.required(FIELDS, SettingType.OBJECT, "Field names and the constant each is set to, of any"
                        + " JSON type including null, arrays and objects, for example {\"source\": \"crm\","
                        + " \"version\": 2}; new fields are appended, existing ones keep their position."),
                Setting.optional(OVERWRITE, SettingType.BOOLEAN, "Whether a field the record already has (even"
                        + " holding null) is replaced; when false only absent fields are set.").withDefault(true));
    }

    @Override
    public Processor create(Settings settings, ExtensionContext context) {
        Map<String, Object> entries = FieldSettings.entries(settings, FIELDS, "{\"source\": \"crm\"}");
        String[] names = entries.keySet().toArray(String[]::new);
        Object[] values = entries.values().toArray();
        boolean overwrite = settings.getBoolean(OVERWRITE);
        return (record, out) -> {
            Row result = record;
            for (int i = 0; i < names.length; i++) {
                if (overwrite || !result.has(names[i])) {
                    result = result.with(names[i], values[i]);
                }
            }
            out.emit(result);
        };
    }
}
