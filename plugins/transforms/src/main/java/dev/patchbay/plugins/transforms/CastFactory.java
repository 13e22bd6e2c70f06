package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Converts field values to another type. */
@Extension(name = "cast", description = "Converts field values to string, long, double or boolean.")
public final class CastFactory implements ProcessorFactory {

    static final String FIELDS = "fields";
    private static final String TYPES = Arrays.stream(CastType.values()).map(CastType::label)
            .collect(Collectors.joining(", "));

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.required(FIELDS, SettingType.OBJECT, "Field names and the type each is converted to, one"
                        + " of " + TYPES + ", for example {\"age\": \"long\", \"score\": \"double\"}. Strings are"
                        + " trimmed before parsing; long refuses fractions; boolean accepts true, false (any case),"
                        + " 1 and 0; null values and absent fields are left alone."),
                OnError.setting("a value cannot be converted"));
    }

    @Override
    public Processor create(Settings settings, ExtensionContext context) {
        Map<String, Object> entries = FieldSettings.entries(settings, FIELDS, "{\"age\": \"long\"}");
        String[] names = new String[entries.size()];
        CastType[] types = new CastType[entries.size()];
        int i = 0;
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            names[i] = entry.getKey();
            types[i] = type(settings.extension(), entry.getKey(), entry.getValue());
            i++;
        }
        FailurePolicy failures = new FailurePolicy(settings.extension(), OnError.from(settings), context);
        return (record, out) -> {
            Row result = record;
            for (int f = 0; f < names.length; f++) {
                int index = result.indexOf(names[f]);
                if (index < 0 || result.value(index) == null) {
                    continue;
                }
                Object value = result.value(index);
                try {
                    Object converted = types[f].convert(value);
                    if (converted != value) {
                        result = result.with(names[f], converted);
                    }
                } catch (ConversionException e) {
                    result = failures.fail(result, names[f], names[f], new ConversionException(e.getMessage()
                            + " (cast to " + types[f].label() + ")", e), out);
                    if (result == null) {
                        return;
                    }
                }
            }
            out.emit(result);
        };
    }

    private static CastType type(String extension, String field, Object type) {
        if (type instanceof String name) {
            for (CastType candidate : CastType.values()) {
                if (candidate.label().equals(name)) {
                    return candidate;
                }
            }
            String hint = name.toLowerCase(Locale.ROOT).equals(name) ? "" : " (type names are lower case)";
            throw new SettingsException(extension, FIELDS, "gives field \"" + field + "\" the type "
                    + Describe.quote(name) + ", which is not a cast type" + hint + "; use one of " + TYPES);
        }
        throw new SettingsException(extension, FIELDS, "gives field \"" + field + "\" the type "
                + Describe.value(type) + "; the type must be a string, one of " + TYPES);
    }
}
