package dev.patchbay.host.plugin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The part of the linkage check that needs resolution: once each plugin's dependency versions are chosen, resolves
 * the references discovery left ({@link LinkageCheck.Deferred}) against the packages and class files of the linked
 * dependencies, in the plugin loader's order, and finds the packages a plugin bundles that a linked dependency
 * also provides (PACKAGE_CONFLICT). Its own failures, CLASS_NOT_VISIBLE and MEMBER_MISSING, fail the plugin, and
 * resolution goes round again so that its dependents fail too. Thread-safe.
 */
final class DependencyLinkage {

    /** Problems fail the plugin; warnings are shown while it is used. */
    record Result(List<Problem> problems, List<Problem> warnings) {
        static final Result CLEAN = new Result(List.of(), List.of());

        Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }
    }

    private final PlatformClasses platform;
    private final LinkageMessages messages;

    DependencyLinkage(PlatformClasses platform, LinkageMessages messages) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /**
     * @param linked the dependency versions the plugin links, in declaration order
     */
    Result check(DiscoveredPlugin plugin, List<DiscoveredPlugin> linked) {
        if (plugin.manifest().isEmpty() || plugin.info().dependencies().isEmpty()) {
            return Result.CLEAN;
        }
        PluginManifest manifest = plugin.manifest().get();
        String file = plugin.info().path().getFileName().toString();
        String who = "plugin '" + plugin.id() + "' " + plugin.info().version() + " (" + file + ")";
        List<Problem> warnings = new ArrayList<>();
        Set<String> conflicting = new TreeSet<>();
        for (DiscoveredPlugin dependency : linked) {
            Set<String> shared = new TreeSet<>(plugin.packages());
            shared.retainAll(dependency.packages());
            if (!shared.isEmpty()) {
                conflicting.addAll(shared);
                warnings.add(new Problem(ProblemCode.PACKAGE_CONFLICT, who + " bundles the package(s) " + String.join(", ", shared) + ", which its dependency '"
                        + dependency.id() + "' " + dependency.info().version() + " (" + dependency.info().path()
                        .getFileName() + ") also provides; the plugin's own copies shadow the dependency's, so an"
                        + " object of those classes passed between them fails with ClassCastException or"
                        + " LinkageError; stop bundling the library in '" + plugin.id() + "' and use the"
                        + " dependency's, or bundle it in neither"));
            }
        }
        try (DependencyClasses classes = new DependencyClasses(linked)) {
            List<LinkageFinding> failures = new ArrayList<>();
            List<LinkageFinding> optionalMisses = new ArrayList<>();
            resolveClasses(plugin, classes, failures, optionalMisses);
            resolveMembers(plugin, classes, conflicting, failures);
            List<Problem> problems = new ArrayList<>();
            if (!failures.isEmpty()) {
                problems.addAll(messages.problems(manifest, file, locate(plugin, failures)));
            }
            if (!optionalMisses.isEmpty()) {
                warnings.add(optionalWarning(plugin, who, locate(plugin, optionalMisses), linked));
            }
            return new Result(problems, warnings);
        } catch (IOException | java.io.UncheckedIOException e) {
            return new Result(List.of(new Problem(ProblemCode.CORRUPT_ARCHIVE, "plugin '" + plugin.id() + "' (" + file
                    + ") or one of its dependencies cannot be read to check its references: " + e.getMessage()
                    + "; replace the archive with an intact copy")), warnings);
        }
    }

    private void resolveClasses(DiscoveredPlugin plugin, DependencyClasses classes, List<LinkageFinding> failures,
            List<LinkageFinding> optionalMisses) throws IOException {
        Set<String> linkedIds = classes.ids();
        boolean optionalAbsent = plugin.info().dependencies().stream()
                .anyMatch(d -> d.optional() && !linkedIds.contains(d.pluginId()));
        for (Map.Entry<String, Set<String>> entry : plugin.linkage().classes().entrySet()) {
            String missing = entry.getKey();
            Optional<DiscoveredPlugin> provider = classes.providerOf(missing);
            if (provider.isPresent() && classes.find(missing).isPresent()) {
                continue;
            }
            boolean optional = provider.map(p -> isOptional(plugin, p.id())).orElse(optionalAbsent);
            for (String referrer : new TreeSet<>(entry.getValue())) {
                LinkageFinding finding = LinkageFinding.ofClass(ProblemCode.CLASS_NOT_VISIBLE, referrer,
                        Optional.empty(), missing);
                (optional ? optionalMisses : failures).add(finding);
            }
        }
    }

    private void resolveMembers(DiscoveredPlugin plugin, DependencyClasses classes, Set<String> conflicting,
            List<LinkageFinding> failures) throws IOException {
        for (Map.Entry<ClassReferences.MemberRef, Set<String>> entry : plugin.linkage().members().entrySet()) {
            ClassReferences.MemberRef member = entry.getKey();
            Optional<DiscoveredPlugin> provider = classes.providerOf(member.owner());
            if (provider.isEmpty() || classes.find(member.owner()).isEmpty()) {
                continue; // the class itself is reported
            }
            String origin = "plugin '" + provider.get().id() + "' " + provider.get().info().version();
            MemberResolution.Result result = MemberResolution.resolve(member, name -> {
                Optional<ClassReferences> shared = platform.find(name);
                return shared.isPresent() ? shared : classes.findUnchecked(name);
            });
            Set<String> types = new LinkedHashSet<>();
            Descriptors.addClasses(member.descriptor(), types);
            boolean crossesConflict = types.stream().map(Descriptors::packageOf).anyMatch(conflicting::contains);
            if (result == MemberResolution.Result.MISSING) {
                entry.getValue().forEach(referrer -> failures.add(LinkageFinding.ofMember(ProblemCode.MEMBER_MISSING,
                        referrer, Optional.empty(), member, origin)));
            } else if (crossesConflict) {
                entry.getValue().forEach(referrer -> failures.add(LinkageFinding.ofMember(
                        ProblemCode.PACKAGE_CONFLICT, referrer, Optional.empty(), member, origin)));
            }
        }
    }

    private static boolean isOptional(DiscoveredPlugin plugin, String dependencyId) {
        return plugin.info().dependencies().stream()
                .anyMatch(d -> d.pluginId().equals(dependencyId) && d.optional());
    }

    private Problem optionalWarning(DiscoveredPlugin plugin, String who, List<LinkageFinding> misses,
            List<DiscoveredPlugin> linked) {
        Set<String> linkedIds = linked.stream().map(DiscoveredPlugin::id).collect(Collectors.toSet());
        String optional = plugin.info().dependencies().stream().filter(PluginDependency::optional)
                .map(d -> "'" + d.pluginId() + "'" + (linkedIds.contains(d.pluginId()) ? "" : " (not installed)"))
                .collect(Collectors.joining(", "));
        String listed = misses.stream().limit(LinkageMessages.SHOWN)
                .map(f -> f.missing() + " in " + f.referrerDisplay()).collect(Collectors.joining(", "));
        int more = misses.size() - LinkageMessages.SHOWN;
        return new Problem(ProblemCode.CLASS_NOT_VISIBLE, who + " references "
                + listed + (more > 0 ? ", and " + more + " more" : "") + ", which only its optional dependency "
                + optional + " could provide; the plugin is used, but fails with NoClassDefFoundError if it reaches"
                + " that code; install the optional dependency, or make sure the plugin checks for it first");
    }

    private static List<LinkageFinding> locate(DiscoveredPlugin plugin, List<LinkageFinding> findings)
            throws IOException {
        try (PluginContent content = PluginContent.open(plugin.roots())) {
            return LinkageCheck.locate(findings, content::read);
        }
    }

    /** The linked dependencies' class files, opened on first use and parsed once each. Not thread-safe. */
    private static final class DependencyClasses implements AutoCloseable {
        private final List<DiscoveredPlugin> linked;
        private final Map<String, PluginContent> contents = new HashMap<>();
        private final Map<String, Optional<ClassReferences>> parsed = new HashMap<>();

        DependencyClasses(List<DiscoveredPlugin> linked) {
            this.linked = List.copyOf(linked);
        }

        Set<String> ids() {
            return linked.stream().map(DiscoveredPlugin::id).collect(Collectors.toSet());
        }

        /** The first linked dependency whose packages hold the class, as the plugin's loader picks it. */
        Optional<DiscoveredPlugin> providerOf(String internal) {
            String pkg = Descriptors.packageOf(internal);
            return linked.stream().filter(d -> d.packages().contains(pkg)).findFirst();
        }

        Optional<ClassReferences> find(String internal) throws IOException {
            Optional<ClassReferences> known = parsed.get(internal);
            if (known != null) {
                return known;
            }
            Optional<ClassReferences> found = Optional.empty();
            Optional<DiscoveredPlugin> provider = providerOf(internal);
            if (provider.isPresent()) {
                PluginContent content = contents.get(provider.get().key());
                if (content == null) {
                    content = PluginContent.open(provider.get().roots());
                    contents.put(provider.get().key(), content);
                }
                Optional<byte[]> bytes = content.read(internal + ".class");
                found = bytes.isEmpty() ? Optional.empty() : Optional.of(ClassReferences.parse(bytes.get()));
            }
            parsed.put(internal, found);
            return found;
        }

        Optional<ClassReferences> findUnchecked(String internal) {
            try {
                return find(internal);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            IOException failure = null;
            for (PluginContent content : contents.values()) {
                try {
                    content.close();
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
