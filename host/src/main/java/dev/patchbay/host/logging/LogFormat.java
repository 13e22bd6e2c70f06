package dev.patchbay.host.logging;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How log lines look: human-readable text, or one JSON object per line for log shippers. */
public enum LogFormat {
    TEXT,
    JSON;

    /** The lower-case name used in the configuration file and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LogFormat> ofLabel(String label) {
        return Arrays.stream(values()).filter(f -> f.label().equalsIgnoreCase(label)).findFirst();
    }
}
