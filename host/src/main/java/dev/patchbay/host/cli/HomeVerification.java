package dev.patchbay.host.cli;

import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.plugin.PluginVerifier;
import dev.patchbay.host.plugin.Problem;
import dev.patchbay.host.plugin.ProblemCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies candidate archives against the plugins installed in a home, for {@code plugins install} and
 * {@code plugins verify --home}: the candidates are verified together with the installed archives (minus those an
 * install would delete), so that every check of {@code verify} applies, dependencies on installed plugins and
 * duplicates included.
 *
 * <p>What counts: every problem of a candidate, and the problems an installed plugin has only because of the change
 * (its problems before are the baseline, found by verifying the installed archives alone). A plugin that was already
 * broken stays the operator's own business, not a reason to refuse an install. A duplicate between a candidate and an
 * installed archive is reported on the candidate alone.
 */
final class HomeVerification {

    /**
     * The outcome.
     *
     * @param candidates one entry per candidate, in the order given, with its problems
     * @param broken installed plugins the change would break, each with only the problems the change causes
     */
    record Verdict(List<PluginInfo> candidates, List<PluginInfo> broken) {
        Verdict {
            candidates = List.copyOf(candidates);
            broken = List.copyOf(broken);
        }

        boolean ok() {
            return broken.isEmpty() && candidates.stream().allMatch(HomeVerification::passed);
        }
    }

    private final PluginVerifier verifier;

    HomeVerification(PluginVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * @param installed the archives in the plugins folder
     * @param leaving the installed archives the change deletes (an install with {@code --replace}); they take no
     *                part in the combined verification
     * @param candidates the new archives
     */
    Verdict verify(List<Path> installed, Set<Path> leaving, List<Path> candidates) {
        Map<Path, Set<Problem>> baseline = new HashMap<>();
        if (!installed.isEmpty()) {
            verifier.verify(installed).forEach(info -> baseline.put(info.path(), new HashSet<>(info.problems())));
        }
        List<Path> together = new ArrayList<>();
        installed.stream().filter(path -> !leaving.contains(path)).forEach(together::add);
        together.addAll(candidates);
        Set<Path> candidateSet = Set.copyOf(candidates);
        List<PluginInfo> checked = new ArrayList<>();
        List<PluginInfo> broken = new ArrayList<>();
        for (PluginInfo info : verifier.verify(together)) {
            if (candidateSet.contains(info.path())) {
                checked.add(info);
                continue;
            }
            Set<Problem> before = baseline.getOrDefault(info.path(), Set.of());
            List<Problem> caused = info.problems().stream()
                    .filter(problem -> !before.contains(problem) && problem.code() != ProblemCode.DUPLICATE_ID)
                    .toList();
            if (!caused.isEmpty()) {
                broken.add(new PluginInfo(info.id(), info.version(), info.provider(), info.license(),
                        info.description(), info.requires(), info.dependencies(), info.path(), PluginState.FAILED,
                        info.extensions(), caused, info.warnings(), info.signers()));
            }
        }
        return new Verdict(checked, broken);
    }

    static boolean passed(PluginInfo info) {
        return info.problems().isEmpty() && info.state() != PluginState.FAILED;
    }
}
