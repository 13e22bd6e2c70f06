package dev.patchbay.host.plugin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.DependencyResolver;
import org.pf4j.PluginDescriptor;

/**
 * Resolves discovered plugins against each other so that each bad plugin fails alone. pf4j's own
 * {@code resolvePlugins} gives up on every plugin at the first cycle or missing dependency; here pf4j's
 * {@link DependencyResolver} runs repeatedly, and after each run the plugins it found fault with (and so,
 * in the next run, their dependents) are dropped with a problem, until the rest resolves cleanly.
 */
final class PluginResolution {

    /** The resolved plugins and the order to start them in, dependencies first. */
    record Result(List<DiscoveredPlugin> plugins, List<String> startOrder) {
        Result {
            plugins = List.copyOf(plugins);
            startOrder = List.copyOf(startOrder);
        }
    }

    private final Versions versions;
    private final String missingHint;

    /**
     * @param missingHint how to fix a dependency that is not among the plugins, completing a sentence that
     *                    starts with "add"
     */
    PluginResolution(Versions versions, String missingHint) {
        this.versions = Objects.requireNonNull(versions, "versions");
        this.missingHint = Objects.requireNonNull(missingHint, "missingHint");
    }

    Result resolve(List<DiscoveredPlugin> discovered) {
        Map<java.nio.file.Path, DiscoveredPlugin> byPath = new LinkedHashMap<>();
        discovered.forEach(plugin -> byPath.put(plugin.info().path(), plugin));
        failDuplicates(byPath);

        Map<String, DiscoveredPlugin> byId = new HashMap<>();
        byPath.values().forEach(plugin -> byId.putIfAbsent(plugin.id(), plugin));
        Map<String, DiscoveredPlugin> candidates = new LinkedHashMap<>();
        byPath.values().stream().filter(plugin -> plugin.info().state() == PluginState.RESOLVED)
                .forEach(plugin -> candidates.put(plugin.id(), plugin));

        List<String> order = List.of();
        while (!candidates.isEmpty()) {
            Map<String, PluginDescriptor> descriptors = new LinkedHashMap<>();
            candidates.values().forEach(plugin -> descriptors.put(plugin.id(), graphDescriptor(plugin, candidates)));
            DependencyResolver resolver = new DependencyResolver(versions.manager());
            DependencyResolver.Result result = resolver.resolve(new ArrayList<>(descriptors.values()));
            if (result.isOK()) {
                order = result.getSortedPlugins().stream().filter(candidates::containsKey).toList();
                break;
            }
            Map<String, Problem> failures = new LinkedHashMap<>();
            if (result.hasCyclicDependency()) {
                for (Set<String> cycle : cycles(descriptors)) {
                    String members = cycle.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
                    for (String id : cycle) {
                        failures.putIfAbsent(id, new Problem(ProblemCode.DEPENDENCY_CYCLE, "plugin '" + id
                                + "' is part of a dependency cycle between plugins " + members + "; remove the "
                                + "Plugin-Dependencies entry that closes the cycle"));
                    }
                }
            } else {
                for (String missing : result.getNotFoundDependencies()) {
                    for (String dependent : resolver.getDependents(missing)) {
                        failures.putIfAbsent(dependent, missingProblem(candidates.get(dependent), missing, byId));
                    }
                }
                for (DependencyResolver.WrongDependencyVersion wrong : result.getWrongVersionDependencies()) {
                    String dependent = wrong.getDependentId();
                    String dependency = wrong.getDependencyId();
                    failures.putIfAbsent(dependent, new Problem(ProblemCode.DEPENDENCY_VERSION, "plugin '" + dependent
                            + "' requires plugin '" + dependency + "' " + wrong.getRequiredVersion() + " but '"
                            + dependency + "' " + wrong.getExistingVersion() + " is installed; install a version of '"
                            + dependency + "' in that range, or a version of '" + dependent + "' that accepts "
                            + wrong.getExistingVersion()));
                }
            }
            if (failures.isEmpty()) {
                throw new IllegalStateException("pf4j reported unresolvable plugins without naming any: " + candidates.keySet());
            }
            failures.forEach((id, problem) -> {
                DiscoveredPlugin failed = candidates.remove(id);
                DiscoveredPlugin updated = failed.withInfo(failed.info().withState(PluginState.FAILED, List.of(problem)));
                byPath.put(updated.info().path(), updated);
                byId.put(id, updated);
            });
        }
        return new Result(new ArrayList<>(byPath.values()), order);
    }

    private static void failDuplicates(Map<java.nio.file.Path, DiscoveredPlugin> byPath) {
        Map<String, List<DiscoveredPlugin>> byId = new LinkedHashMap<>();
        byPath.values().stream().filter(plugin -> plugin.manifest().isPresent() && plugin.manifest().get().hasId())
                .filter(plugin -> plugin.info().state() != PluginState.DISABLED)
                .forEach(plugin -> byId.computeIfAbsent(plugin.id(), id -> new ArrayList<>()).add(plugin));
        byId.forEach((id, plugins) -> {
            if (plugins.size() < 2) {
                return;
            }
            String files = plugins.stream().map(plugin -> "'" + plugin.info().path().getFileName() + "'")
                    .collect(Collectors.joining(" and "));
            Problem problem = new Problem(ProblemCode.DUPLICATE_ID, "plugin id '" + id + "' is declared by both "
                    + files + "; remove all but one of them from the plugins folder, or give each a distinct Plugin-Id");
            for (DiscoveredPlugin plugin : plugins) {
                byPath.put(plugin.info().path(), plugin.withInfo(plugin.info().withState(PluginState.FAILED,
                        List.of(problem))));
            }
        });
    }

    private Problem missingProblem(DiscoveredPlugin dependent, String missing, Map<String, DiscoveredPlugin> byId) {
        String declared = dependent.info().dependencies().stream().filter(d -> d.pluginId().equals(missing))
                .map(PluginDependency::versionRange).findFirst().orElse("*");
        String prefix = "plugin '" + dependent.id() + "' requires plugin '" + missing + "' " + declared;
        DiscoveredPlugin known = byId.get(missing);
        if (known == null) {
            return new Problem(ProblemCode.DEPENDENCY_MISSING, prefix + ", which is not installed; add " + missingHint
                    .replace("{id}", missing) + ", or remove the dependency from Plugin-Dependencies");
        }
        if (known.info().state() == PluginState.DISABLED) {
            return new Problem(ProblemCode.DEPENDENCY_FAILED, prefix + ", which is disabled; enable '" + missing
                    + "' or disable '" + dependent.id() + "' too");
        }
        String codes = known.info().problems().stream().map(p -> p.code().id()).distinct()
                .collect(Collectors.joining(", "));
        return new Problem(ProblemCode.DEPENDENCY_FAILED, prefix + ", which failed (" + codes + "); fix '" + missing
                + "' first");
    }

    /**
     * The descriptor the resolver sees: required dependencies, plus optional ones that are present in a
     * matching version, so that those start first too. An optional dependency that is absent or of a
     * non-matching version is left out and the plugin runs without it.
     */
    private DefaultPluginDescriptor graphDescriptor(DiscoveredPlugin plugin, Map<String, DiscoveredPlugin> candidates) {
        PluginInfo info = plugin.info();
        DefaultPluginDescriptor descriptor = new DefaultPluginDescriptor(info.id(), info.description(), "",
                info.version(), info.requires(), info.provider(), info.license());
        for (PluginDependency dependency : info.dependencies()) {
            if (dependency.optional()) {
                DiscoveredPlugin present = candidates.get(dependency.pluginId());
                if (present == null || !versions.satisfies(present.info().version(), dependency.versionRange())) {
                    continue;
                }
            }
            descriptor.addDependency(new org.pf4j.PluginDependency(dependency.pluginId() + "@"
                    + dependency.versionRange()));
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
