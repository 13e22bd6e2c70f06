package ${package};

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

/**
 * The {@code ${pluginId}/upper-case} processor: writes the listed text fields in upper case, for example
 * {@code {"name": "Ada"}} becomes {@code {"name": "ADA"}}. Fields that are absent or do not hold text are
 * left alone.
 *
 * <p>The {@code patchbay-api-processor} annotation processor (configured in the pom) lists this class in
 * {@code META-INF/services/dev.patchbay.api.ProcessorFactory}, which is how the host finds it.
 */
@Extension(name = "upper-case", description = "Writes the listed text fields in upper case.")
public final class UpperCaseProcessorFactory implements ProcessorFactory {

    /** Creates the factory; the host calls this through {@link java.util.ServiceLoader}. */
    public UpperCaseProcessorFactory() {
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.required("fields", SettingType.LIST,
                        "The names of the text fields to write in upper case, for example [\"name\"]."),
                Setting.optional("locale", SettingType.STRING,
                        "The IETF language tag whose case rules apply, for example \"tr\"; \"und\" for "
                                + "language-neutral rules.")
                        .withDefault("und"));
    }

    @Override
    public Processor create(Settings settings, ExtensionContext context) {
        List<String> fields = settings.getStringList("fields");
        Locale locale = locale(settings.getString("locale"));
        context.logger().log(System.Logger.Level.DEBUG, "upper-casing " + fields);
        return (row, out) -> {
            var result = row;
            for (String field : fields) {
                if (row.get(field) instanceof String text) {
                    result = result.with(field, text.toUpperCase(locale));
                }
            }
            out.emit(result);
        };
    }

    private static Locale locale(String tag) {
        try {
            return new Locale.Builder().setLanguageTag(tag).build();
        } catch (IllformedLocaleException e) {
            throw new SettingsException("upper-case", "locale",
                    "is not an IETF language tag: \"" + tag + "\"; use a tag such as \"en\", \"tr\" or \"und\"");
        }
    }
}
