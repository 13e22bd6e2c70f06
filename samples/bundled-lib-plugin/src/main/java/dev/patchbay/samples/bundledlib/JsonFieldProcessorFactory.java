package dev.patchbay.samples.bundledlib;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.PackageVersion;
import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.util.List;

/**
 * The {@code bundled-lib/json-field} processor: parses a string field holding JSON text into record values
 * with the Jackson streaming parser bundled in this plugin's {@code lib/}, and records which Jackson version
 * did the parsing, so an operator can see that the plugin uses its own copy rather than the host's.
 */
@Extension(name = JsonFieldProcessorFactory.NAME,
        description = "Parses a JSON string field with the plugin's own bundled Jackson and records its version.")
public final class JsonFieldProcessorFactory implements ProcessorFactory {

    static final String NAME = "json-field";

    /** Creates the factory; the host calls this through {@link java.util.ServiceLoader}. */
    public JsonFieldProcessorFactory() {
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.required("field", SettingType.STRING, "The string field that holds JSON text."),
                Setting.optional("target", SettingType.STRING, "The field to write the parsed value to;"
                        + " absent: replace the JSON text in 'field'."),
                Setting.optional("versionField", SettingType.STRING, "The field that receives the version of"
                        + " the Jackson library that parsed the text; an empty string leaves it out.")
                        .withDefault("jacksonVersion"));
    }

    @Override
    public Processor create(Settings settings, ExtensionContext context) {
        String field = settings.getString("field");
        if (field.isEmpty()) {
            throw new SettingsException(NAME, "field", "must name a field, got \"\"");
        }
        String target = settings.find("target").map(String.class::cast).orElse(field);
        if (target.isEmpty()) {
            throw new SettingsException(NAME, "target", "must name a field, got \"\"; remove the setting to"
                    + " replace the JSON text in '" + field + "'");
        }
        String versionField = settings.getString("versionField");
        if (versionField.equals(target)) {
            throw new SettingsException(NAME, "versionField", "is \"" + versionField + "\", the same field"
                    + " as the parsed value; choose another field, or \"\" to leave the version out");
        }
        return new JsonFieldProcessor(new JsonFactory(), field, target, versionField, jacksonVersion());
    }

    /** Returns the version of the Jackson core library this class was linked against at run time. */
    static String jacksonVersion() {
        return PackageVersion.VERSION.toString();
    }
}
