package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.host.admin.AdminClient;
import dev.patchbay.host.admin.AdminReply;
import dev.patchbay.host.admin.NoHostRunningException;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code patchbay status}: what the running host is doing, its pipelines and plugins. */
@Command(name = "status", description = {"Shows the running host's pipelines and plugins (patchbay serve).",
    "Exit codes: 0 shown, 3 no host is running on this home."})
final class StatusCommand extends HostClientCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--json", description = "Prints the host's /pipelines and /plugins documents as one JSON object.")
    private boolean json;

    StatusCommand(CommandContext context) {
        super(context);
    }

    @Override
    int talk(AdminClient client) throws IOException, InterruptedException, NoHostRunningException {
        AdminReply pipelines = client.get("/pipelines");
        AdminReply plugins = client.get("/plugins");
        int refused = refusal("patchbay status", pipelines.ok() ? plugins : pipelines);
        if (refused != ExitCodes.OK) {
            return refused;
        }
        PrintWriter out = context().out();
        if (json) {
            JsonOutput.print(out, JsonOutput.document().put("host", pipelines.body().path("host").asText())
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("pipelines", pipelines.body().path("pipelines"))
                    .set("plugins", plugins.body().path("plugins")));
            return ExitCodes.OK;
        }
        out.println("host " + pipelines.body().path("host").asText());
        out.println(String.format("%-20s %-10s %12s %12s %10s %9s  %s", "PIPELINE", "STATE", "IN", "OUT",
                "UNCOMMITTED", "RESTARTS", "LAST FAILURE"));
        for (JsonNode pipeline : pipelines.body().path("pipelines")) {
            JsonNode stages = pipeline.path("stages");
            out.println(String.format("%-20s %-10s %12d %12d %10d %9d  %s", pipeline.path("name").asText(),
                    pipeline.path("state").asText(), stages.path(0).path("out").asLong(),
                    stages.path(stages.size() - 1).path("out").asLong(), pipeline.path("uncommittedRecords").asLong(),
                    pipeline.path("restarts").asInt(),
                    pipeline.path("error").isTextual() ? pipeline.path("error").asText() : "-"));
        }
        out.println(String.format("%-20s %-10s %-10s %s", "PLUGIN", "VERSION", "STATE", "PROBLEMS"));
        for (JsonNode plugin : plugins.body().path("plugins")) {
            StringBuilder problems = new StringBuilder();
            plugin.path("problems").forEach(p -> problems.append(problems.length() == 0 ? "" : ", ")
                    .append(p.path("code").asText()));
            out.println(String.format("%-20s %-10s %-10s %s", plugin.path("id").asText(),
                    plugin.path("version").asText(), plugin.path("state").asText(),
                    problems.length() == 0 ? "-" : problems));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
