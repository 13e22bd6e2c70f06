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
 * @param parallel false when the factory class carries {@code @Sequential}: its instances must not run on
 *        several workers of one pipeline at once
 */
public record ExtensionDescriptor(ExtensionKind kind, String name, String description, String className,
        boolean parallel) {

    public ExtensionDescriptor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(className, "className");
    }

    /** An extension that allows parallel workers, as a factory without {@code @Sequential} does. */
    public ExtensionDescriptor(ExtensionKind kind, String name, String description, String className) {
        this(kind, name, description, className, true);
    }

    /** The reference operators use in pipelines: {@code plugin-id/name}. */
    public String reference(String pluginId) {
        return pluginId + "/" + name;
    }
}
