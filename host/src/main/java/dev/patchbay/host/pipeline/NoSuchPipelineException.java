package dev.patchbay.host.pipeline;

import dev.patchbay.host.config.CloseMatches;
import java.util.List;

/** A command named a pipeline the host does not run; the message suggests the close match and lists them all. */
public final class NoSuchPipelineException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final transient List<String> closeMatches;

    NoSuchPipelineException(String name, List<String> known) {
        super("no pipeline '" + name + "'; " + CloseMatches.suggestion(name, known) + "the pipelines are " + known);
        this.name = name;
        this.closeMatches = CloseMatches.of(name, known);
    }

    /** The configured pipeline names close to the one asked for, closest first. */
    public List<String> closeMatches() {
        return closeMatches;
    }

    /** The name that was asked for. */
    public String name() {
        return name;
    }
}
