package dev.patchbay.host.service;

import dev.patchbay.host.config.CloseMatches;
import java.util.List;

/** A command named a plugin id this host does not have; the admin API answers 404 with the close matches. */
public final class NoSuchPluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> closeMatches;

    public NoSuchPluginException(String id, List<String> known) {
        super("no plugin with id '" + id + "'; " + CloseMatches.suggestion(id, known) + "plugins are " + known);
        this.closeMatches = CloseMatches.of(id, known);
    }

    public List<String> closeMatches() {
        return closeMatches;
    }
}
