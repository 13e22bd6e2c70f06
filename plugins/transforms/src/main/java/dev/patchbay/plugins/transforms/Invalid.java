package dev.patchbay.plugins.transforms;

import dev.patchbay.api.SettingsException;

/** Builds setting errors that keep the underlying exception as their cause. */
final class Invalid {

    private Invalid() {
    }

    static SettingsException setting(String extension, String key, String message, Throwable cause) {
        SettingsException exception = new SettingsException(extension, key, message);
        exception.initCause(cause);
        return exception;
    }
}
