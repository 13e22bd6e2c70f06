package dev.patchbay.host.cli;

import dev.patchbay.host.admin.AdminClient;
import dev.patchbay.host.admin.AdminReply;
import dev.patchbay.host.admin.NoHostRunningException;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code patchbay pipelines pause|resume|restart|stop NAME}: steers one pipeline of the running host. */
@Command(name = "pipelines", description = "Pause, resume, restart or stop a pipeline of the running host.")
final class PipelinesCommand extends CommandGroup {

    static CommandLine commandLine(CommandContext context) {
        CommandLine line = new CommandLine(new PipelinesCommand());
        for (String verb : new String[] {"pause", "resume", "restart", "stop"}) {
            line.addSubcommand(verb, new Steer(context, verb));
        }
        return line;
    }

    @Command(description = {"Sends the command to the running host (patchbay serve).",
        "Exit codes: 0 done, 1 the host refused it (its state does not allow it), 2 no such pipeline, 3 no host "
                + "is running on this home."})
    static final class Steer extends HostClientCommand {

        private final String verb;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;

        @Parameters(index = "0", paramLabel = "NAME", description = "The pipeline.")
        private String name;

        Steer(CommandContext context, String verb) {
            super(context);
            this.verb = verb;
        }

        @Override
        int talk(AdminClient client) throws IOException, InterruptedException, NoHostRunningException {
            if (!name.matches("[A-Za-z0-9._-]{1,128}")) {
                context().err().println("patchbay pipelines " + verb + ": '" + name + "' is not a pipeline name; "
                        + "names use letters, digits, '.', '_' and '-'");
                return ExitCodes.USAGE;
            }
            AdminReply reply = client.post("/pipelines/" + name + "/" + verb, Optional.empty());
            int refused = refusal("patchbay pipelines " + verb, reply);
            if (refused == ExitCodes.OK) {
                context().out().println("pipeline '" + name + "': " + verb + " requested; it is now "
                        + reply.body().path("state").asText());
                context().out().flush();
            }
            return refused;
        }
    }
}
