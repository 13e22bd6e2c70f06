package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceContext;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.PluginHandle;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory and the output directories as {@code config check} judges them. The output paths come from
 * {@link PathSettings.Roles}, fed here the way the api's path roles will answer for the files plugin: its sink's
 * {@code path} is an output, its source's an input.
 */
class DirectoryCheckTest {

    private static final String WRITE = "File to write";
    private static final String READ = "File to read";

    /** The roles the extensions below declare with {@code Setting.asInputPath()} and {@code asOutputPath()}. */
    private static final PathSettings.Roles ROLES = PathSettings.FROM_SETTINGS;

    /** The files plugin's shape: a source reading {@code path}, a sink writing {@code path} and {@code rejects}. */
    private static final class FileSource implements SourceFactory {
        @Override
        public List<Setting> settings() {
            return List.of(Setting.required("path", SettingType.STRING, READ).asInputPath());
        }

        @Override
        public Source create(Settings settings, SourceContext context) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class FileSink implements SinkFactory {
        @Override
        public List<Setting> settings() {
            return List.of(Setting.required("path", SettingType.STRING, WRITE).asOutputPath(),
                    Setting.optional("rejects", SettingType.STRING, WRITE + " rejected records to")
                            .withDefault("rejects/default.jsonl").asOutputPath(),
                    Setting.optional("format", SettingType.STRING, "How to write").withDefault("json"));
        }

        @Override
        public Sink create(Settings settings, ExtensionContext context) {
            throw new UnsupportedOperationException();
        }
    }

    /** A sink built for api 1.0: its {@code path} is a file it writes, but it cannot say so. */
    private static final class LegacySink implements SinkFactory {
        @Override
        public List<Setting> settings() {
            return List.of(Setting.required("path", SettingType.STRING, WRITE));
        }

        @Override
        public Sink create(Settings settings, ExtensionContext context) {
            throw new UnsupportedOperationException();
        }
    }

    /** Plugin {@code files} with {@code files/source}, {@code files/sink} and {@code files/legacy}, started. */
    private static final ExtensionCatalog CATALOG = new ExtensionCatalog() {
        private final PluginScope scope = new PluginScope("files", DirectoryCheckTest.class.getClassLoader());
        private final Map<String, ExtensionFactory> factories = Map.of("SOURCE/source", new FileSource(),
                "SINK/sink", new FileSink(), "SINK/legacy", new LegacySink());

        @Override
        public List<PluginInfo> plugins() {
            return List.of();
        }

        @Override
        public Optional<LoadedExtension> extension(String pluginId, ExtensionKind kind, String name) {
            return Optional.ofNullable(pluginId.equals("files") ? factories.get(kind + "/" + name) : null)
                    .map(f -> new LoadedExtension(PluginHandle.standalone("files", "1.0.0", scope),
                            new ExtensionDescriptor(kind, name, "", f.getClass().getName()), f));
        }
    };

    @TempDir
    Path home;

    private ConfigReading reading(String json) {
        ConfigSource source = new ConfigSource(home, home.resolve("config/patchbay.json"), true);
        return new ConfigReader().parseAll(source, json.replace('\'', '"'));
    }

    private static DirectoryCheck check(PathSettings.Roles roles, boolean root) {
        return new DirectoryCheck(new WritableDirectory(WriteProbe.TEMPORARY_FILE), new PathSettings(roles), root);
    }

    private static String pipeline(String sinkSettings) {
        return "{'pipelines': {'demo': {'source': {'use': 'files/source', 'settings': {'path': 'in/data.csv'}},\n"
                + "  'sink': {'use': 'files/sink', 'settings': " + sinkSettings + "}}}}";
    }

    @Test
    void aStateDirectoryThatIsAFileIsAnErrorAtItsValue() throws IOException {
        Files.writeString(home.resolve("checkpoints"), "not a directory");
        ConfigReading reading = reading("{\n  'state': {'directory': 'checkpoints'}\n}");

        DirectoryCheck.Findings found = check(ROLES, false).check(reading, Optional.empty());

        assertThat(found.warnings()).isEmpty();
        assertThat(found.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("$.state.directory");
            assertThat(error.location()).isEqualTo(new Location(2, 26));
            assertThat(error.message()).isEqualTo("the state directory " + home.resolve("checkpoints")
                    + " is a file, not a directory");
            assertThat(error.fix()).isEqualTo("remove or rename the file, or set \"state.directory\" to another "
                    + "directory");
        });
    }

    @Test
    void aStateDirectoryThatDoesNotExistYetIsAWarningThatARunCreatesIt() {
        DirectoryCheck.Findings found = check(ROLES, false).check(reading("{}"), Optional.empty());

        assertThat(found.errors()).isEmpty();
        assertThat(found.warnings()).singleElement().satisfies(w -> assertThat(w.message())
                .isEqualTo("the state directory " + home.resolve("state") + " does not exist yet; a run creates it in "
                        + home + ", which this user can write"));
    }

    @Test
    void aWritableStateDirectoryIsNoFindingUnlessTheCheckRunsAsRoot() throws IOException {
        Files.createDirectories(home.resolve("state"));

        DirectoryCheck.Findings user = check(ROLES, false).check(reading("{}"), Optional.empty());
        DirectoryCheck.Findings root = check(ROLES, true).check(reading("{}"), Optional.empty());

        assertThat(user.errors()).isEmpty();
        assertThat(user.warnings()).isEmpty();
        assertThat(root.errors()).isEmpty();
        assertThat(root.warnings()).singleElement().satisfies(w -> {
            assertThat(w.message()).startsWith("config check runs as root, who can write to any directory, so it "
                    + "cannot tell whether the user that runs `patchbay run` can write to [" + home.resolve("state"));
            assertThat(w.fix()).contains("as that user");
        });
    }

    @Test
    void everyOutputDirectoryIsJudgedOnceAndLocatedAtTheFirstSettingThatWritesThere() throws IOException {
        Files.createDirectories(home.resolve("state"));
        ConfigReading reading = reading(pipeline("{'path': 'out/a.jsonl', 'rejects': 'out/b.jsonl'}"));

        DirectoryCheck.Findings found = check(ROLES, false).check(reading, Optional.of(CATALOG));

        assertThat(found.errors()).isEmpty();
        assertThat(found.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("$.pipelines.demo.sink.settings.path");
            assertThat(w.location()).isEqualTo(new Location(2, 54));
            assertThat(w.message()).isEqualTo("the output directory " + home.resolve("out") + " (of files/sink "
                    + "setting 'path' of pipeline 'demo' and 1 other setting) does not exist yet; a run creates it in "
                    + home + ", which this user can write");
        });
    }

    @Test
    void anOutputDirectoryThatCannotBeCreatedIsAnErrorAndADefaultPathIsJudgedToo() throws IOException {
        Files.createDirectories(home.resolve("state"));
        Files.createDirectories(home.resolve("out"));
        Files.writeString(home.resolve("rejects"), "a file where the default's folder would be");
        ConfigReading reading = reading(pipeline("{'path': 'out/a.jsonl'}"));

        DirectoryCheck.Findings found = check(ROLES, false).check(reading, Optional.of(CATALOG));

        assertThat(found.warnings()).isEmpty();
        assertThat(found.errors()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("$.pipelines.demo.sink.settings.rejects");
            assertThat(e.message()).isEqualTo("the output directory " + home.resolve("rejects") + " (of files/sink "
                    + "setting 'rejects' of pipeline 'demo') is a file, not a directory");
            assertThat(e.fix()).endsWith("or point files/sink setting 'rejects' of pipeline 'demo' at a file in "
                    + "another directory");
        });
    }

    @Test
    void anOutputPathThatIsADirectoryIsAWarning() throws IOException {
        Files.createDirectories(home.resolve("state"));
        Files.createDirectories(home.resolve("out/a.jsonl"));
        Files.createDirectories(home.resolve("rejects"));
        ConfigReading reading = reading(pipeline("{'path': 'out/a.jsonl'}"));

        DirectoryCheck.Findings found = check(ROLES, false).check(reading, Optional.of(CATALOG));

        assertThat(found.errors()).isEmpty();
        assertThat(found.warnings()).singleElement().satisfies(w -> assertThat(w.message())
                .isEqualTo("files/sink setting 'path' of pipeline 'demo' is an output path, but "
                        + home.resolve("out/a.jsonl") + " is a directory: a run fails if the extension writes a file "
                        + "there"));
    }

    @Test
    void inputPathsOtherSettingsAndUnreadableSettingsAreNotJudged() throws IOException {
        Files.createDirectories(home.resolve("state"));
        Files.writeString(home.resolve("in"), "the source's folder is a file, which is not this check's business");
        ConfigReading unreadable = reading(pipeline("'out/a.jsonl'"));

        DirectoryCheck.Findings found = check(ROLES, false).check(unreadable, Optional.of(CATALOG));

        assertThat(found.errors()).isEmpty();
        assertThat(found.warnings()).isEmpty();
    }

    @Test
    void aSettingOfAnApi10PluginIsNeverTakenForAPathSoOnlyTheStateDirectoryIsJudged() throws IOException {
        Files.createDirectories(home.resolve("state"));
        Files.writeString(home.resolve("out"), "a file where the output folder would be");
        ConfigReading reading = reading("{'pipelines': {'demo': {'source': {'use': 'files/source', 'settings': "
                + "{'path': 'in/data.csv'}},\n  'sink': {'use': 'files/legacy', 'settings': {'path': 'out/a.jsonl'}}}}}");

        DirectoryCheck.Findings found = check(PathSettings.FROM_SETTINGS, false).check(reading, Optional.of(CATALOG));

        assertThat(found.errors()).isEmpty();
        assertThat(new PathSettings(PathSettings.FROM_SETTINGS).list(reading, CATALOG))
                .extracting(PathSetting::role).containsExactly(PathSetting.Role.INPUT);
    }

    @Test
    void pathSettingsListsEachPathWithItsPipelineStageKeyResolvedPathAndRole() {
        ConfigReading reading = reading(pipeline("{'path': '/var/out/a.jsonl'}"));

        List<PathSetting> paths = new PathSettings(ROLES).list(reading, CATALOG);

        assertThat(paths).extracting(p -> p.pipeline() + " " + p.stage().path() + " " + p.key() + " " + p.resolved()
                + " " + p.role()).containsExactly(
                        "demo $.pipelines.demo.source path " + home.resolve("in/data.csv") + " INPUT",
                        "demo $.pipelines.demo.sink path /var/out/a.jsonl OUTPUT",
                        "demo $.pipelines.demo.sink rejects " + home.resolve("rejects/default.jsonl") + " OUTPUT");
    }
}
