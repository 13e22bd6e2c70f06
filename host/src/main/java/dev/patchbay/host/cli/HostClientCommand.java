package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.host.admin.AdminClient;
import dev.patchbay.host.admin.AdminReply;
import dev.patchbay.host.admin.NoHostRunningException;
import dev.patchbay.host.config.PatchbayConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The commands that talk to a running host through its admin API: they find it through {@code state/admin.port}
 * and the token file, exit {@value ExitCodes#NO_HOST} when none runs, 2 when the host does not know the pipeline
 * (with its close matches), and 1 when it refuses the command (such as resuming a pipeline that is not paused).
 */
abstract class HostClientCommand implements Callable<Integer> {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final CommandContext context;

    HostClientCommand(CommandContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    CommandContext context() {
        return context;
    }

    /** What to ask the host, and how to print its answer. */
    abstract int talk(AdminClient client) throws IOException, InterruptedException, NoHostRunningException;

    @Override
    public Integer call() throws Exception {
        PatchbayConfig config = context.config();
        AdminClient client = new AdminClient(config.home(), config.admin(), config.stateDirectory(), CONNECT_TIMEOUT,
                REQUEST_TIMEOUT);
        try {
            return talk(client);
        } catch (NoHostRunningException e) {
            context.err().println(e.getMessage());
            context.err().flush();
            return ExitCodes.NO_HOST;
        }
    }

    /** Prints a refusal's message and returns its exit code; 0 for a 2xx answer. */
    int refusal(String command, AdminReply reply) {
        if (reply.ok()) {
            return ExitCodes.OK;
        }
        JsonNode message = reply.body().path("message");
        context.err().println(command + ": " + (message.isTextual() ? message.asText() : "the host answered "
                + reply.status()));
        context.err().flush();
        return reply.status() == 404 ? ExitCodes.USAGE : ExitCodes.PROBLEMS;
    }
}
