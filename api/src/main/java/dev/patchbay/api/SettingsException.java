package dev.patchbay.api;

import java.util.Objects;

/**
 * A setting of an extension is missing, of the wrong type or has a bad value.
 *
 * <p>The message names the key, quotes the bad value and says how to fix it, for example
 * {@code csv-source: setting 'delimiter': must be one character, got ";;"}.
 *
 * @since 1.0.0
 */
public class SettingsException extends ExtensionException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * Creates the exception.
     *
     * @param extension the name of the extension whose settings are wrong
     * @param key the setting's key
     * @param message what is wrong with it and how to fix it
     */
    public SettingsException(String extension, String key, String message) {
        super(extension, "setting '" + Objects.requireNonNull(key, "key") + "': " + message);
        this.key = key;
    }

    /**
     * Returns the key of the setting that is wrong.
     *
     * @return the key
     */
    public String key() {
        return key;
    }
}
