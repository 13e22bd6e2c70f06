package dev.patchbay.host.plugin;

import java.util.Objects;

/**
 * An extension as discovery sees it, read from a service file and the factory's class file without
 * loading the class.
 *
 * @param kind the extension kind
 * @param name the name from the factory's {@code @Extension} annotation
 * @param description the summary from the annotation, possibly empty
 * @param className the factory's binary class name
 */
public record ExtensionDescriptor(ExtensionKind kind, String name, String description, String className) {

    public ExtensionDescriptor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(className, "className");
    }

    /** The reference operators use in pipelines: {@code plugin-id/name}. */
    public String reference(String pluginId) {
        return pluginId + "/" + name;
    }
}
