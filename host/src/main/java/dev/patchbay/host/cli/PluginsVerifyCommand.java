package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.plugin.PluginVerifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code patchbay plugins verify FILE...}: lint plugin archives before they are installed. */
@Command(name = "verify",
        description = "Check plugin archives (jar, zip or folder with lib/) without installing them: manifest, "
                + "api range, service files, extension classes, bundled api classes. Exits 1 if any archive "
                + "has a problem, 0 if all pass. Does not read the configuration.")
final class PluginsVerifyCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Plugin archives to check.")
    private List<Path> files;

    @Option(names = "--json", description = "Print a JSON document (schema in the operator guide).")
    private boolean json;

    private final CommandContext context;

    PluginsVerifyCommand(CommandContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        context.configureLogging();
        List<Path> paths = files.stream().map(context::resolve).toList();
        for (Path file : paths) {
            if (!Files.exists(file)) {
                throw new UsageException("cannot verify '" + file + "': no such file or directory; check the path,"
                        + " or give a plugin jar, zip or folder");
            }
        }
        List<PluginInfo> results = new PluginVerifier().verify(paths);
        boolean ok = results.stream().allMatch(r -> r.problems().isEmpty() && r.state() != PluginState.FAILED);
        PrintWriter out = context.out();
        if (json) {
            ObjectNode document = JsonOutput.document();
            document.put("ok", ok);
            ArrayNode archives = document.putArray("archives");
            results.forEach(r -> archives.add(JsonOutput.plugin(r, Optional.empty())));
            JsonOutput.print(out, document);
        } else {
            for (PluginInfo result : results) {
                boolean passed = result.problems().isEmpty() && result.state() != PluginState.FAILED;
                out.println((passed ? "OK      " : "FAILED  ") + result.path() + "  (" + result.id()
                        + (result.version().isEmpty() ? "" : " " + result.version()) + ")");
                TextOutput.problems(out, result.problems());
            }
            long failed = results.stream().filter(r -> !r.problems().isEmpty() || r.state() == PluginState.FAILED)
                    .count();
            out.println(ok ? results.size() + (results.size() == 1 ? " archive" : " archives") + " verified, no problems"
                    : failed + " of " + results.size() + " archives have problems");
            out.flush();
        }
        return ok ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }
}
