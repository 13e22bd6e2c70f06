package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.plugin.PluginInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints a {@link HomeVerification.Verdict} and the refusals of {@code plugins install} or {@code plugins verify
 * --home}: as text (one line per archive, then its problems) or into a JSON document.
 */
final class VerdictOutput {

    /** A reason an archive is refused before or besides verification, naming the files involved. */
    record Refusal(Path file, String message) {
    }

    private VerdictOutput() {
    }

    /** The candidate as the operator named it: staged copies are shown under the path they came from. */
    static PluginInfo shownAs(PluginInfo info, Map<Path, Path> origins) {
        Path origin = origins.getOrDefault(info.path(), info.path());
        return new PluginInfo(info.id(), info.version(), info.provider(), info.license(), info.description(),
                info.requires(), info.dependencies(), origin, info.state(), info.extensions(), info.problems(),
                info.warnings(), info.signers());
    }

    static void text(PrintWriter out, HomeVerification.Verdict verdict, List<Refusal> refusals, Map<Path, Path> origins) {
        for (PluginInfo candidate : verdict.candidates()) {
            PluginInfo shown = shownAs(candidate, origins);
            out.println((HomeVerification.passed(shown) ? "OK      " : "FAILED  ") + shown.path() + "  ("
                    + InstalledPlugins.label(shown) + ")");
            out.println("  signed by: " + TextOutput.signers(shown));
            TextOutput.problems(out, shown.problems());
            TextOutput.warnings(out, shown.warnings());
        }
        for (PluginInfo broken : verdict.broken()) {
            out.println("BREAKS  " + broken.path() + "  (installed " + InstalledPlugins.label(broken) + ")");
            TextOutput.problems(out, broken.problems());
        }
        for (Refusal refusal : refusals) {
            out.println("REFUSED " + refusal.file());
            out.println("  " + refusal.message());
        }
    }

    static void json(ObjectNode document, HomeVerification.Verdict verdict, List<Refusal> refusals,
            Map<Path, Path> origins) {
        ArrayNode archives = document.putArray("archives");
        verdict.candidates().forEach(c -> archives.add(JsonOutput.plugin(shownAs(c, origins), Optional.empty())));
        ArrayNode broken = document.putArray("broken");
        verdict.broken().forEach(b -> broken.add(JsonOutput.plugin(b, Optional.empty())));
        ArrayNode refused = document.putArray("refused");
        for (Refusal refusal : refusals) {
            ObjectNode node = refused.addObject();
            node.put("file", refusal.file().toString());
            node.put("message", refusal.message());
        }
    }

    /** How many problems the operator must fix, for the closing line. */
    static int problemCount(HomeVerification.Verdict verdict, List<Refusal> refusals) {
        int count = refusals.size();
        for (PluginInfo info : verdict.candidates()) {
            count += Math.max(info.problems().size(), HomeVerification.passed(info) ? 0 : 1);
        }
        for (PluginInfo info : verdict.broken()) {
            count += info.problems().size();
        }
        return count;
    }
}
