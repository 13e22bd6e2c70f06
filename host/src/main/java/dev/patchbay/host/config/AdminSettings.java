package dev.patchbay.host.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code admin} section: where the admin HTTP API listens and where its bearer token is kept.
 *
 * <pre>{@code
 * "admin": { "host": "127.0.0.1", "port": 8787, "tokenFile": "state/admin.token" }
 * }</pre>
 *
 * <p>Each value may be overridden from the environment ({@value #ENV_HOST}, {@value #ENV_PORT},
 * {@value #ENV_TOKEN_FILE}): the variable wins over the file, the file over the default.
 *
 * @param host {@code admin.host}, the address to bind, default {@value #DEFAULT_HOST}
 * @param port {@code admin.port}, {@value #MIN_PORT} to {@value #MAX_PORT}, default {@value #DEFAULT_PORT}; 0 means
 *        any free port
 * @param tokenFile {@code admin.tokenFile}, resolved against the home, default {@value #DEFAULT_TOKEN_FILE}
 */
public record AdminSettings(String host, int port, Path tokenFile) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;
    public static final String DEFAULT_TOKEN_FILE = "state/admin.token";
    public static final int MIN_PORT = 0;
    public static final int MAX_PORT = 65_535;
    public static final String ENV_HOST = "PATCHBAY_ADMIN_HOST";
    public static final String ENV_PORT = "PATCHBAY_ADMIN_PORT";
    public static final String ENV_TOKEN_FILE = "PATCHBAY_ADMIN_TOKEN_FILE";

    public AdminSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("admin host must not be blank; write an address such as \""
                    + DEFAULT_HOST + "\"");
        }
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new IllegalArgumentException("admin port " + port + " must be within " + MIN_PORT + ".." + MAX_PORT);
        }
        Objects.requireNonNull(tokenFile, "tokenFile");
    }

    /** The defaults, with the token file under {@code home}. */
    public static AdminSettings defaults(Path home) {
        return new AdminSettings(DEFAULT_HOST, DEFAULT_PORT, home.resolve(DEFAULT_TOKEN_FILE));
    }
}
