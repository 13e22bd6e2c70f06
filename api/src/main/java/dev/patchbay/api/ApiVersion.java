package dev.patchbay.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this api artifact, as a semantic version string such as {@code 1.0.0}.
 *
 * <p>The host compares it with each plugin's {@code Plugin-Requires} range.
 *
 * @since 1.0.0
 */
public final class ApiVersion {

    private static final String RESOURCE = "api-version.properties";
    private static final String VERSION = load();

    private ApiVersion() {
    }

    /**
     * Returns the version of the api classes that are loaded.
     *
     * @return the semantic version, never blank
     */
    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ApiVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("patchbay-api is missing its resource " + RESOURCE
                        + "; the api jar is damaged, rebuild or reinstall it");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            if (version.isEmpty() || version.startsWith("$")) {
                throw new IllegalStateException("patchbay-api resource " + RESOURCE + " holds no version ('"
                        + version + "'); the api jar was built without resource filtering");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read patchbay-api resource " + RESOURCE, e);
        }
    }
}
