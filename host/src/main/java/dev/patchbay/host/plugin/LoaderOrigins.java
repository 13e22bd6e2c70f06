package dev.patchbay.host.plugin;

import dev.patchbay.api.ApiVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The platform's {@link ClassOrigins}: reads the JDK's message ({@link LinkageMessage}), maps each loader it names to
 * the plugin version whose loader has that identity hash, and places the class in that plugin's files with the
 * discovered layout ({@link ClassExplainer}). Identity hashes are not unique in theory; a loader is taken to be a
 * plugin's only if the hash and the loader's class name both match, and an unknown loader is named as the JDK printed
 * it. Thread-safe: it reads snapshots the suppliers give and keeps nothing.
 */
final class LoaderOrigins implements ClassOrigins {

    private final Supplier<Collection<LoadedPlugin>> loads;
    private final Supplier<ClassExplainer> explainers;

    LoaderOrigins(Supplier<Collection<LoadedPlugin>> loads, Supplier<ClassExplainer> explainers) {
        this.loads = Objects.requireNonNull(loads, "loads");
        this.explainers = Objects.requireNonNull(explainers, "explainers");
    }

    @Override
    public Optional<String> explain(Throwable failure, String pluginId, String pluginVersion) {
        Optional<LinkageMessage> read = LinkageMessage.of(failure);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        LinkageMessage message = read.get();
        ClassName name;
        try {
            name = new ClassName(message.classes().get(0));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        ClassExplainer explainer = explainers.get();
        Collection<LoadedPlugin> loaded = loads.get();
        List<LinkageMessage.Loader> distinct = distinctLoaders(message.loaders());
        if (distinct.size() >= 2) {
            return Optional.of(twoLoaders(message, distinct, loaded, explainer, pluginId));
        }
        if (message.kind().equals("ClassCastException")) {
            return Optional.empty();
        }
        Optional<DiscoveredPlugin> failing = loaded.stream().map(LoadedPlugin::plugin)
                .filter(plugin -> plugin.id().equals(pluginId) && plugin.info().version().equals(pluginVersion))
                .findFirst().or(() -> explainer.plugin(pluginId, Optional.of(pluginVersion)));
        return failing.map(plugin -> oneView(message, name, plugin, explainer));
    }

    private static List<LinkageMessage.Loader> distinctLoaders(List<LinkageMessage.Loader> loaders) {
        List<LinkageMessage.Loader> distinct = new ArrayList<>();
        for (LinkageMessage.Loader loader : loaders) {
            if (distinct.stream().noneMatch(seen -> seen.name().equals(loader.name())
                    && seen.hash().equals(loader.hash()))) {
                distinct.add(loader);
            }
        }
        return distinct;
    }

    private String twoLoaders(LinkageMessage message, List<LinkageMessage.Loader> loaders,
            Collection<LoadedPlugin> loaded, ClassExplainer explainer, String pluginId) {
        String first = message.classes().get(0);
        if (message.kind().equals("ClassCastException")) {
            String target = message.classes().get(1);
            String head = first + " cannot be cast to " + target + ": the object's class is "
                    + side(loaders.get(0), loaders.get(0).className(), loaded, explainer) + ", the cast's "
                    + (first.equals(target) ? "is " : "class " + target + " is ")
                    + side(loaders.get(1), loaders.get(1).className(), loaded, explainer);
            return head + "; " + (first.equals(target) ? "each loader that defines a class makes a class of its own"
                    : "if " + first + " implements a copy of " + target + " from another loader, it is not the "
                    + "cast's") + fixTwoCopies(target, pluginId);
        }
        String sides = loaders.stream().map(loader -> side(loader, first, loaded, explainer))
                .collect(Collectors.joining(", the other "));
        return first + " reached plugin code from two class loaders (" + message.kind() + "): the one "
                + sides + "; each loader that defines a class makes a class of its own" + fixTwoCopies(first, pluginId);
    }

    private static String fixTwoCopies(String className, String pluginId) {
        return ": let one plugin provide " + className + " (remove the copy from the other's lib/ and name the "
                + "provider in its Plugin-Dependencies); `patchbay plugins explain " + className + " --plugin "
                + pluginId + "` lists every copy";
    }

    /** How the class in one loader came to be: whose loader, and which file. */
    private String side(LinkageMessage.Loader loader, String className, Collection<LoadedPlugin> loaded,
            ClassExplainer explainer) {
        Optional<LoadedPlugin> owner = loaded.stream().filter(plugin -> matches(plugin.loader(), loader)).findFirst();
        if (owner.isPresent()) {
            DiscoveredPlugin plugin = owner.get().plugin();
            String whose = ClassExplainer.describe(plugin);
            try {
                ClassExplanation explanation = explainer.explain(new ClassName(className), plugin);
                if (!explanation.visible()) {
                    return whose + "'s (not in its files now)";
                }
                return explanation.rule() == ClassExplanation.Rule.OWN ? whose + "'s, loaded from "
                        + explanation.file() : explanation.from() + "'s as " + whose + " sees it, from "
                        + explanation.file();
            } catch (IllegalArgumentException e) {
                return whose + "'s";
            }
        }
        return switch (loader.name()) {
            case "'app'" -> "the host's";
            case "'bootstrap'", "'platform'" -> "the JDK's";
            default -> "loader " + loader.name() + (loader.hash().isEmpty() ? "" : " @" + loader.hash())
                    + "'s, which is no plugin's";
        };
    }

    private static boolean matches(ClassLoader candidate, LinkageMessage.Loader loader) {
        String hash = Integer.toHexString(System.identityHashCode(candidate));
        String name = candidate.getName() == null ? candidate.getClass().getName() : "'" + candidate.getName() + "'";
        return hash.equals(loader.hash()) && name.equals(loader.name());
    }

    private String oneView(LinkageMessage message, ClassName name, DiscoveredPlugin plugin, ClassExplainer explainer) {
        ClassExplanation explanation = explainer.explain(name, plugin);
        String whose = ClassExplainer.describe(plugin);
        if (!explanation.visible()) {
            return name + " is not visible to " + whose + ": " + explanation.why();
        }
        StringBuilder text = new StringBuilder(name.binaryName()).append(" as ").append(whose).append(" sees it is ")
                .append(explanation.from()).append("'s, from ").append(explanation.file());
        if (!message.member().isEmpty()) {
            text.append(", which has no ").append(message.member());
        }
        List<String> copies = explanation.others().stream()
                .filter(copy -> copy.relation() != ClassExplanation.Relation.SPLIT_PACKAGE)
                .map(copy -> copy.file() + " (plugin '" + copy.pluginId() + "' " + copy.version() + ")").toList();
        if (!copies.isEmpty()) {
            text.append("; other copies: ").append(String.join(", ", copies));
        }
        text.append("; ").append(message.kind().equals("NoClassDefFoundError") && message.member().isEmpty()
                ? "its static initialiser failed earlier, or it was loaded while its plugin was unloading; the first "
                        + "failure in the log has the cause"
                : fix(explanation));
        return text.toString();
    }

    private static String fix(ClassExplanation explanation) {
        return switch (explanation.rule()) {
            case API -> "the plugin was built against another api than this host's " + ApiVersion.current()
                    + "; install a version of '" + explanation.pluginId() + "' built for it, or upgrade the host";
            case DEPENDENCY -> "the plugin was built against another version of its dependency than "
                    + explanation.from() + "; install the version it was built with, or rebuild it against this one";
            case OWN -> "the plugin's own files hold another version of the class than it was compiled against; "
                    + "bundle the library version it was built with in its lib/ and rebuild";
            case JDK, SLF4J -> "the plugin was built against another version of " + explanation.from()
                    + "; run it on the version it was built for, or rebuild it";
            case NOT_VISIBLE -> explanation.why();
        };
    }
}
