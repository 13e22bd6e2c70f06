package dev.patchbay.host.cli;

import dev.patchbay.host.admin.AdminClient;
import dev.patchbay.host.admin.AdminReply;
import dev.patchbay.host.admin.NoHostRunningException;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code patchbay shutdown}: asks the running host to stop as SIGTERM does. */
@Command(name = "shutdown", description = {"Stops the running host (patchbay serve) as SIGTERM does: every pipeline "
        + "drains and commits, then it exits.", "Exit codes: 0 the host is stopping, 3 no host is running on this home."})
final class ShutdownCommand extends HostClientCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    ShutdownCommand(CommandContext context) {
        super(context);
    }

    @Override
    int talk(AdminClient client) throws IOException, InterruptedException, NoHostRunningException {
        AdminReply reply = client.post("/shutdown", Optional.empty());
        int refused = refusal("patchbay shutdown", reply);
        if (refused == ExitCodes.OK) {
            context().out().println(reply.body().path("message").asText());
            context().out().flush();
        }
        return refused;
    }
}
