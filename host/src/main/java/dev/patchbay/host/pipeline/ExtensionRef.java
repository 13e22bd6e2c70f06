package dev.patchbay.host.pipeline;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed stage reference, {@code plugin-id/extension-name}, as operators write it in {@code use}.
 *
 * @param pluginId the plugin id
 * @param name the extension name
 */
public record ExtensionRef(String pluginId, String name) {

    private static final Pattern FORM = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)/([a-z][a-z0-9-]*)");

    public ExtensionRef {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(name, "name");
    }

    /** Parses {@code plugin-id/extension-name}; empty when the text does not have that form. */
    public static Optional<ExtensionRef> parse(String use) {
        Matcher matcher = FORM.matcher(Objects.requireNonNull(use, "use"));
        return matcher.matches() ? Optional.of(new ExtensionRef(matcher.group(1), matcher.group(2)))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return pluginId + "/" + name;
    }
}
