package dev.patchbay.host.plugin;

import java.util.Objects;

/**
 * One reason a plugin cannot be used, with a stable code and a message that names the plugin, quotes
 * the bad value and says how to fix it.
 *
 * @param code the stable code, documented in README
 * @param message the actionable message
 */
public record Problem(ProblemCode code, String message) {

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code.id() + ": " + message;
    }
}
