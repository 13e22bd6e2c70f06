package dev.patchbay.host.docs;

import dev.patchbay.api.Setting;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Renders the Markdown reference of every started extension and its settings, straight from the
 * factories' own descriptions, so that the operator documentation cannot drift from the code. An extension of a
 * plugin that was discovered but not started (its code was not run) gets its heading and description, and a line
 * saying that its settings were not read.
 */
public final class ExtensionReference {

    /** What a section says in place of the settings table for a plugin whose code was not run. */
    public static final String NOT_READ = "Settings not read: plugin code is not run by default; run `patchbay "
            + "plugins reference --start` to read them in a separate JVM.";

    private final ExtensionCatalog catalog;

    public ExtensionReference(ExtensionCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** Returns the reference as Markdown, one section per extension, plugins in id order. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        for (PluginInfo plugin : catalog.plugins()) {
            if (plugin.state() == PluginState.RESOLVED) {
                // Discovered but not started: its code was not run, so only what discovery reads is known.
                for (ExtensionDescriptor descriptor : plugin.extensions()) {
                    heading(out, plugin, descriptor);
                    out.append(NOT_READ).append("\n\n");
                }
                continue;
            }
            if (plugin.state() != PluginState.STARTED) {
                continue;
            }
            for (ExtensionDescriptor descriptor : plugin.extensions()) {
                LoadedExtension extension = catalog.extension(plugin.id(), descriptor.kind(), descriptor.name())
                        .orElseThrow(() -> new IllegalStateException("plugin '" + plugin.id()
                                + "' is STARTED but its " + descriptor.kind().label() + " '" + descriptor.name()
                                + "' is not loaded"));
                section(out, plugin, descriptor, extension.settings());
            }
        }
        return out.toString();
    }

    private static void section(StringBuilder out, PluginInfo plugin, ExtensionDescriptor descriptor,
            List<Setting> settings) {
        heading(out, plugin, descriptor);
        if (settings.isEmpty()) {
            out.append("Takes no settings.\n\n");
            return;
        }
        table(out, settings);
    }

    private static void heading(StringBuilder out, PluginInfo plugin, ExtensionDescriptor descriptor) {
        out.append("#### `").append(descriptor.reference(plugin.id())).append("` (")
                .append(descriptor.kind().label()).append(", plugin ").append(plugin.id()).append(' ')
                .append(plugin.version()).append(")\n\n");
        if (!descriptor.description().isEmpty()) {
            out.append(descriptor.description()).append("\n\n");
        }
    }

    private static void table(StringBuilder out, List<Setting> settings) {
        out.append("| Setting | Type | Required | Default | Description |\n");
        out.append("|---|---|---|---|---|\n");
        for (Setting setting : settings) {
            out.append("| `").append(setting.key()).append("` | ").append(setting.type().jsonName())
                    .append(setting.pathRole().map(role -> role == Setting.PathRole.INPUT ? ", input path"
                            : ", output path").orElse(""))
                    .append(" | ").append(setting.required() ? "yes" : "no")
                    .append(" | ").append(setting.defaultValue().map(ExtensionReference::literal).orElse(""))
                    .append(" | ").append(cell(setting.description()));
            if (!setting.choices().isEmpty()) {
                out.append(" One of ").append(setting.choices().stream().map(choice -> "`" + choice + "`")
                        .collect(Collectors.joining(", "))).append('.');
            }
            out.append(" |\n");
        }
        out.append('\n');
    }

    private static String literal(Object value) {
        String text = value instanceof String s
                ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                : String.valueOf(value);
        return "`" + text + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
