package dev.patchbay.host.config;

import dev.patchbay.host.plugin.ExtensionCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code config check}'s look at the directories a run writes: the state directory (checkpoints and the home
 * lock) and the folder of every output path a stage's settings declare ({@link PathSettings}). A directory a run
 * certainly cannot write is an error; one the check cannot be sure of is a warning that says why (it does not
 * exist yet, the test file failed for another reason than permissions, or the check runs as root).
 */
public final class DirectoryCheck {

    private static final String STATE_PATH = "$.state.directory";

    /**
     * What the check found.
     *
     * @param errors the directories a run cannot write
     * @param warnings the directories the check cannot be sure of
     */
    public record Findings(List<ConfigError> errors, List<ConfigError> warnings) {

        public Findings {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }

    private final WritableDirectory judge;
    private final PathSettings paths;
    private final boolean runsAsRoot;

    /**
     * @param runsAsRoot whether the check runs as root, who can write to any directory: then a directory that
     *        passes is only known to be writable by root, which the check says once
     */
    public DirectoryCheck(WritableDirectory judge, PathSettings paths, boolean runsAsRoot) {
        this.judge = Objects.requireNonNull(judge, "judge");
        this.paths = Objects.requireNonNull(paths, "paths");
        this.runsAsRoot = runsAsRoot;
    }

    /** The check for this process: a real test file, the api's path roles, root when the user is {@code root}. */
    public static DirectoryCheck forThisProcess() {
        return new DirectoryCheck(new WritableDirectory(WriteProbe.TEMPORARY_FILE),
                new PathSettings(PathSettings.FROM_SETTINGS), "root".equals(System.getProperty("user.name")));
    }

    /**
     * Judges the state directory and, when the plugins are at hand, every output directory.
     *
     * @param catalog the started plugins; empty when the pipelines are not checked against them, and then only
     *        the state directory is judged
     */
    public Findings check(ConfigReading reading, Optional<ExtensionCatalog> catalog) {
        List<ConfigError> errors = new ArrayList<>();
        List<ConfigError> warnings = new ArrayList<>();
        List<Path> passed = new ArrayList<>();
        Path state = reading.config().stateDirectory();
        add(judge.judge(state, "the state directory " + state, "set \"state.directory\" to another directory"),
                STATE_PATH, state, reading, errors, warnings, passed);
        Map<Path, List<PathSetting>> byFolder = new LinkedHashMap<>();
        for (PathSetting output : catalog.map(c -> paths.list(reading, c)).orElse(List.of())) {
            if (output.role() != PathSetting.Role.OUTPUT) {
                continue;
            }
            if (Files.isDirectory(output.resolved())) {
                warnings.add(error(output.jsonPath(), reading, output.describe() + " is an output path, but "
                        + output.resolved() + " is a directory: a run fails if the extension writes a file there",
                        "name a file, such as \"" + output.resolved().resolve("out.jsonl") + "\""));
                continue;
            }
            Path folder = output.resolved().getParent();
            if (folder != null) {
                byFolder.computeIfAbsent(folder, f -> new ArrayList<>()).add(output);
            }
        }
        byFolder.forEach((folder, settings) -> {
            PathSetting first = settings.get(0);
            String users = first.describe() + (settings.size() == 1 ? "" : " and " + (settings.size() - 1)
                    + (settings.size() == 2 ? " other setting" : " other settings"));
            add(judge.judge(folder, "the output directory " + folder + " (of " + users + ")",
                    "point " + first.describe() + " at a file in another directory"),
                    first.jsonPath(), folder, reading, errors, warnings, passed);
        });
        if (runsAsRoot && !passed.isEmpty()) {
            warnings.add(error(STATE_PATH, reading, "config check runs as root, who can write to any directory, so "
                    + "it cannot tell whether the user that runs `patchbay run` can write to " + passed,
                    "run `patchbay config check` as that user, such as `sudo -u patchbay bin/patchbay config check`;"
                            + " nothing to do if `patchbay run` runs as root too"));
        }
        return new Findings(errors, warnings);
    }

    private static void add(WritableDirectory.Verdict verdict, String path, Path directory, ConfigReading reading,
            List<ConfigError> errors, List<ConfigError> warnings, List<Path> passed) {
        WritableDirectory.Status status = verdict.status();
        if (status.error()) {
            errors.add(error(path, reading, verdict.message(), verdict.fix()));
        } else if (status.warning()) {
            warnings.add(error(path, reading, verdict.message(), verdict.fix()));
        }
        if (status == WritableDirectory.Status.WRITABLE || status == WritableDirectory.Status.WILL_BE_CREATED) {
            passed.add(directory);
        }
    }

    private static ConfigError error(String path, ConfigReading reading, String message, String fix) {
        return new ConfigError(path, reading.locations().of(path), message, fix);
    }
}
