package dev.patchbay.host.admin;

import dev.patchbay.host.config.AdminSettings;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.service.Host;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;

/** Starts the admin API over a running host, as {@code patchbay serve} does. */
public final class AdminApi {

    private AdminApi() {
    }

    /**
     * Loads the token (creating it with permissions 0600 on first start), then listens on {@code admin.host} and
     * {@code admin.port} with the host's routes and {@code more}.
     *
     * @return the server; closing it stops listening and deletes {@code <state>/admin.port}
     * @throws IOException naming the file or address when the token cannot be read or written or the port is taken
     */
    public static AdminServer start(Host host, List<Route> more) throws IOException {
        PatchbayConfig config = host.config();
        AdminSettings settings = config.admin();
        AdminToken token = AdminToken.loadOrCreate(settings.tokenFile(), new SecureRandom());
        return AdminServer.start(settings, config.stateDirectory(), token, HostRoutes.of(host, more));
    }
}
