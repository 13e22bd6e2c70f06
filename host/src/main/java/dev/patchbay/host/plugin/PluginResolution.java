package dev.patchbay.host.plugin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.DependencyResolver;
import org.pf4j.PluginDescriptor;

/**
 * Resolves discovered plugins against each other so that each bad plugin fails alone. Several versions of one
 * plugin id may be installed: each version is resolved on its own, under the key {@code id:version}, and a
 * {@code Plugin-Dependencies} entry links the highest candidate version in its range. A dependency no candidate
 * satisfies fails its dependent; pf4j's {@link DependencyResolver} then checks the rest for cycles, whose members
 * are dropped with a problem, and a dependent whose chosen dependency was dropped chooses again (the next version
 * in range) in the next round, until the rest resolves cleanly.
 */
final class PluginResolution {

    /**
     * The resolved plugins and the order to start them in, dependencies first.
     *
     * @param startOrder the keys ({@link DiscoveredPlugin#key()}) of the plugins to start
     * @param links per key to start, the keys of the dependency versions it links, in declaration order
     */
    record Result(List<DiscoveredPlugin> plugins, List<String> startOrder, Map<String, List<String>> links) {
        Result {
            plugins = List.copyOf(plugins);
            startOrder = List.copyOf(startOrder);
            links = Map.copyOf(links);
        }
    }

    private final Versions versions;
    private final String missingHint;
    private final Optional<DependencyLinkage> linkage;

    /**
     * @param missingHint how to fix a dependency that is not among the plugins, completing a sentence that
     *                    starts with "add"
     */
    PluginResolution(Versions versions, String missingHint) {
        this(versions, missingHint, Optional.empty());
    }

    /** @param linkage the dependency part of the linkage check, run on each round whose graph resolves */
    PluginResolution(Versions versions, String missingHint, Optional<DependencyLinkage> linkage) {
        this.versions = Objects.requireNonNull(versions, "versions");
        this.missingHint = Objects.requireNonNull(missingHint, "missingHint");
        this.linkage = Objects.requireNonNull(linkage, "linkage");
    }

    Result resolve(List<DiscoveredPlugin> discovered) {
        Map<java.nio.file.Path, DiscoveredPlugin> byPath = new LinkedHashMap<>();
        discovered.forEach(plugin -> byPath.put(plugin.info().path(), plugin));
        failDuplicates(byPath);

        Map<String, List<DiscoveredPlugin>> byId = new HashMap<>();
        byPath.values().forEach(plugin -> byId.computeIfAbsent(plugin.id(), id -> new ArrayList<>()).add(plugin));
        Map<String, DiscoveredPlugin> candidates = new LinkedHashMap<>();
        byPath.values().stream().filter(plugin -> plugin.info().state() == PluginState.RESOLVED)
                .forEach(plugin -> candidates.put(plugin.key(), plugin));

        while (!candidates.isEmpty()) {
            Map<String, List<String>> links = new LinkedHashMap<>();
            Map<String, List<Problem>> failures = new LinkedHashMap<>();
            for (DiscoveredPlugin plugin : candidates.values()) {
                link(plugin, candidates, byId).ifPresentOrElse(
                        problem -> failures.put(plugin.key(), List.of(problem)),
                        () -> links.put(plugin.key(), chosen(plugin, candidates)));
            }
            if (failures.isEmpty()) {
                Map<String, PluginDescriptor> descriptors = new LinkedHashMap<>();
                links.forEach((key, dependencies) -> descriptors.put(key, graphDescriptor(key, dependencies)));
                DependencyResolver.Result result = new DependencyResolver(versions.manager())
                        .resolve(new ArrayList<>(descriptors.values()));
                if (result.isOK()) {
                    List<String> order = result.getSortedPlugins().stream().filter(candidates::containsKey).toList();
                    Map<String, List<Problem>> warnings = checkLinkage(order, candidates, links, failures);
                    if (failures.isEmpty()) {
                        warnings.forEach((key, more) -> {
                            DiscoveredPlugin plugin = candidates.get(key);
                            byPath.put(plugin.info().path(), plugin.withInfo(plugin.info().withWarnings(more)));
                        });
                        return new Result(new ArrayList<>(byPath.values()), order, links);
                    }
                } else {
                    failCycles(descriptors, candidates, failures);
                }
            }
            if (failures.isEmpty()) {
                throw new IllegalStateException("pf4j reported unresolvable plugins without naming any: "
                        + candidates.keySet());
            }
            failures.forEach((key, problems) -> {
                DiscoveredPlugin failed = candidates.remove(key);
                DiscoveredPlugin updated = failed.withInfo(failed.info().withState(PluginState.FAILED, problems));
                byPath.put(updated.info().path(), updated);
                List<DiscoveredPlugin> versionsOfId = byId.get(updated.id());
                versionsOfId.replaceAll(plugin -> plugin.info().path().equals(updated.info().path()) ? updated
                        : plugin);
            });
        }
        return new Result(new ArrayList<>(byPath.values()), List.of(), Map.of());
    }

    /**
     * Runs the dependency part of the linkage check on each plugin of a resolved round, dependencies first; puts
     * its failures into {@code failures} and returns its warnings by key.
     */
    private Map<String, List<Problem>> checkLinkage(List<String> order, Map<String, DiscoveredPlugin> candidates,
            Map<String, List<String>> links, Map<String, List<Problem>> failures) {
        Map<String, List<Problem>> warnings = new LinkedHashMap<>();
        if (linkage.isEmpty()) {
            return warnings;
        }
        for (String key : order) {
            DiscoveredPlugin plugin = candidates.get(key);
            List<DiscoveredPlugin> linked = links.getOrDefault(key, List.of()).stream().map(candidates::get).toList();
            DependencyLinkage.Result checked = linkage.get().check(plugin, linked);
            if (!checked.problems().isEmpty()) {
                failures.put(key, checked.problems());
            }
            if (!checked.warnings().isEmpty()) {
                warnings.put(key, checked.warnings());
            }
        }
        return warnings;
    }

    /** Why the plugin cannot link its required dependencies among the candidates, if it cannot. */
    private Optional<Problem> link(DiscoveredPlugin plugin, Map<String, DiscoveredPlugin> candidates,
            Map<String, List<DiscoveredPlugin>> byId) {
        for (PluginDependency dependency : plugin.info().dependencies()) {
            if (!dependency.optional() && highest(dependency, candidates).isEmpty()) {
                return Optional.of(unlinkable(plugin, dependency, byId));
            }
        }
        return Optional.empty();
    }

    /** The keys a plugin links: per dependency, the highest candidate in range; optional ones only if present. */
    private List<String> chosen(DiscoveredPlugin plugin, Map<String, DiscoveredPlugin> candidates) {
        List<String> keys = new ArrayList<>();
        for (PluginDependency dependency : plugin.info().dependencies()) {
            highest(dependency, candidates).ifPresent(target -> keys.add(target.key()));
        }
        return keys;
    }

    private Optional<DiscoveredPlugin> highest(PluginDependency dependency, Map<String, DiscoveredPlugin> candidates) {
        DiscoveredPlugin best = null;
        for (DiscoveredPlugin candidate : candidates.values()) {
            if (candidate.id().equals(dependency.pluginId())
                    && versions.satisfies(candidate.info().version(), dependency.versionRange())
                    && (best == null || versions.compare(candidate.info().version(), best.info().version()) > 0)) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    private void failCycles(Map<String, PluginDescriptor> descriptors, Map<String, DiscoveredPlugin> candidates,
            Map<String, List<Problem>> failures) {
        for (Set<String> cycle : cycles(descriptors)) {
            String members = cycle.stream().map(key -> "'" + candidates.get(key).id() + "'")
                    .collect(Collectors.joining(", "));
            for (String key : cycle) {
                String id = candidates.get(key).id();
                failures.putIfAbsent(key, List.of(new Problem(ProblemCode.DEPENDENCY_CYCLE, "plugin '" + id
                        + "' is part of a dependency cycle between plugins " + members + "; remove the "
                        + "Plugin-Dependencies entry that closes the cycle")));
            }
        }
    }

    private static void failDuplicates(Map<java.nio.file.Path, DiscoveredPlugin> byPath) {
        Map<String, List<DiscoveredPlugin>> byKey = new LinkedHashMap<>();
        byPath.values().stream().filter(plugin -> plugin.manifest().isPresent() && plugin.manifest().get().hasId())
                .filter(plugin -> plugin.info().state() != PluginState.DISABLED)
                .forEach(plugin -> byKey.computeIfAbsent(plugin.key(), key -> new ArrayList<>()).add(plugin));
        byKey.forEach((key, plugins) -> {
            if (plugins.size() < 2) {
                return;
            }
            PluginInfo first = plugins.get(0).info();
            String files = plugins.stream().map(plugin -> "'" + plugin.info().path().getFileName() + "'")
                    .collect(Collectors.joining(" and "));
            Problem problem = new Problem(ProblemCode.DUPLICATE_ID, "plugin '" + first.id() + "' " + first.version()
                    + " is declared by both " + files + "; remove all but one of them from the plugins folder, or "
                    + "give each a distinct Plugin-Id or Plugin-Version");
            for (DiscoveredPlugin plugin : plugins) {
                byPath.put(plugin.info().path(), plugin.withInfo(plugin.info().withState(PluginState.FAILED,
                        List.of(problem))));
            }
        });
    }

    private Problem unlinkable(DiscoveredPlugin dependent, PluginDependency dependency,
            Map<String, List<DiscoveredPlugin>> byId) {
        String missing = dependency.pluginId();
        String range = dependency.versionRange();
        String prefix = "plugin '" + dependent.id() + "' requires plugin '" + missing + "' " + range;
        List<DiscoveredPlugin> known = byId.getOrDefault(missing, List.of());
        if (known.isEmpty()) {
            return new Problem(ProblemCode.DEPENDENCY_MISSING, prefix + ", which is not installed; add " + missingHint
                    .replace("{id}", missing) + ", or remove the dependency from Plugin-Dependencies");
        }
        // A version that cannot be read may be the one asked for: it counts as a failed candidate, not a mismatch.
        List<DiscoveredPlugin> inRange = known.stream()
                .filter(plugin -> !versions.isValidVersion(plugin.info().version())
                        || versions.satisfies(plugin.info().version(), range)).toList();
        if (inRange.isEmpty()) {
            String installed = known.stream().map(plugin -> plugin.info().version()).filter(v -> !v.isEmpty())
                    .sorted(versions::compare).collect(Collectors.joining(", "));
            return new Problem(ProblemCode.DEPENDENCY_VERSION, prefix + " but "
                    + (known.size() == 1 ? "'" + missing + "' " + installed + " is installed"
                            : "the installed versions of '" + missing + "' are " + installed)
                    + "; install a version of '" + missing + "' in that range, or a version of '"
                    + dependent.id() + "' that accepts " + (known.size() == 1 ? installed : "one of them"));
        }
        if (inRange.stream().allMatch(plugin -> plugin.info().state() == PluginState.DISABLED)) {
            return new Problem(ProblemCode.DEPENDENCY_FAILED, prefix + ", which is disabled; enable '" + missing
                    + "' or disable '" + dependent.id() + "' too");
        }
        String codes = inRange.stream().flatMap(plugin -> plugin.info().problems().stream())
                .map(p -> p.code().id()).distinct().collect(Collectors.joining(", "));
        return new Problem(ProblemCode.DEPENDENCY_FAILED, prefix + ", which failed (" + codes + "); fix '" + missing
                + "' first");
    }

    /** The descriptor the resolver sees: the key, depending on the keys it links (so those start first). */
    private static DefaultPluginDescriptor graphDescriptor(String key, List<String> dependencies) {
        DefaultPluginDescriptor descriptor = new DefaultPluginDescriptor(key, "", "", "0.0.0", "*", "", "");
        for (String dependency : dependencies) {
            descriptor.addDependency(new org.pf4j.PluginDependency(dependency));
        }
        return descriptor;
    }

    /** Strongly connected components with more than one plugin, or a plugin depending on itself (Tarjan). */
    static List<Set<String>> cycles(Map<String, PluginDescriptor> descriptors) {
        Map<String, List<String>> edges = new HashMap<>();
        descriptors.forEach((id, descriptor) -> edges.put(id, descriptor.getDependencies().stream()
                .map(org.pf4j.PluginDependency::getPluginId).filter(descriptors::containsKey).toList()));
        Tarjan tarjan = new Tarjan(edges);
        descriptors.keySet().forEach(tarjan::visitIfNew);
        return tarjan.cycles;
    }

    private static final class Tarjan {
        private final Map<String, List<String>> edges;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new java.util.HashSet<>();
        private final List<Set<String>> cycles = new ArrayList<>();

        Tarjan(Map<String, List<String>> edges) {
            this.edges = edges;
        }

        void visitIfNew(String id) {
            if (!index.containsKey(id)) {
                visit(id);
            }
        }

        private void visit(String id) {
            index.put(id, index.size());
            low.put(id, index.get(id));
            stack.push(id);
            onStack.add(id);
            for (String next : edges.getOrDefault(id, List.of())) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(id, Math.min(low.get(id), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(id, Math.min(low.get(id), index.get(next)));
                }
            }
            if (low.get(id).equals(index.get(id))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(id));
                if (component.size() > 1 || edges.getOrDefault(id, List.of()).contains(id)) {
                    cycles.add(component);
                }
            }
        }
    }
}
