package dev.patchbay.samples.hello;

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
 * The {@code hello/greet} processor: adds a greeting for the name found in each record, for example
 * {@code {"name": "Ada"}} becomes {@code {"name": "Ada", "greeting": "Hello, Ada!"}}.
 */
@Extension(name = "greet", description = "Adds a greeting for the name in each record.")
public final class GreetProcessorFactory implements ProcessorFactory {

    /** Creates the factory; the host calls this through {@link java.util.ServiceLoader}. */
    public GreetProcessorFactory() {
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.optional("name", SettingType.STRING, "The field that holds the name to greet.")
                        .withDefault("name"),
                Setting.optional("field", SettingType.STRING, "The field to write the greeting to.")
                        .withDefault("greeting"));
    }

    @Override
    public Processor create(Settings settings, ExtensionContext context) {
        String name = settings.getString("name");
        String field = settings.getString("field");
        if (name.isBlank()) {
            throw new SettingsException("greet", "name", "must name a field, got \"" + name + "\"");
        }
        if (field.isBlank()) {
            throw new SettingsException("greet", "field", "must name a field, got \"" + field + "\"");
        }
        return (record, out) -> {
            Object who = record.get(name);
            out.emit(record.with(field, "Hello, " + (who == null ? "world" : who) + "!"));
        };
    }
}
