package dev.patchbay.host.plugin;

import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import java.util.Arrays;
import java.util.Optional;

/** The kinds of extension a plugin can contribute, one per api factory interface. */
public enum ExtensionKind {
    SOURCE("source", SourceFactory.class),
    PROCESSOR("processor", ProcessorFactory.class),
    SINK("sink", SinkFactory.class);

    private final String label;
    private final Class<? extends ExtensionFactory> factoryType;

    ExtensionKind(String label, Class<? extends ExtensionFactory> factoryType) {
        this.label = label;
        this.factoryType = factoryType;
    }

    /** The lower-case name used in output and configuration, such as {@code source}. */
    public String label() {
        return label;
    }

    /** The api interface whose service file lists this kind's factories. */
    public Class<? extends ExtensionFactory> factoryType() {
        return factoryType;
    }

    /** The path of the service file inside a plugin jar, such as {@code META-INF/services/dev.patchbay.api.SourceFactory}. */
    public String serviceFile() {
        return "META-INF/services/" + factoryType.getName();
    }

    /** Finds the kind whose label is given, ignoring case. */
    public static Optional<ExtensionKind> ofLabel(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label.equalsIgnoreCase(label)).findFirst();
    }
}
