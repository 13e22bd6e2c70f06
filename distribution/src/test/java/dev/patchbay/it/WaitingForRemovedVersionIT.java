package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a waiting pipeline says it waits for, once a version it went back from has been removed: it must not name
 * that version as if it were still installed. Today it does (see the assertion's message): the supervisor's set of
 * refused versions is never pruned when a refused version is retired and unloaded.
 */
class WaitingForRemovedVersionIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Map<String, String> ENV = Map.of("PATCHBAY_ADMIN_PORT", "0", "PATCHBAY_LOG_LEVEL", "INFO");
    private static final String KEEP = "dev.patchbay.plugins.transforms.KeepFactory";

    @TempDir
    Path temp;

    @Test
    void aRemovedVersionThatWasGoneBackFromIsNotNamedInWaitingFor() throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        Path plugins = patchbay.copyPlugins();
        Path home = patchbay.home();
        Path shipped = PluginArchives.distArchive("transforms");
        Files.writeString(home.resolve("data/in.txt"), "id-0\nid-1\n", StandardCharsets.UTF_8);
        patchbay.config("""
                {
                  "plugins": { "directory": "%s" },
                  "pipelines": { "live": {
                    "source": { "use": "files/text-source", "settings": { "path": "data/in.txt", "follow": true } },
                    "processors": [ { "use": "transforms/keep", "settings": { "fields": ["line"] } } ],
                    "sink": { "use": "files/text-sink", "settings": { "path": "data/out.txt" } } } }
                }
                """.formatted(plugins.toString().replace("\\", "\\\\")));
        Patchbay.Started serve = patchbay.start(ENV, "serve");
        try {
            AdminApi admin = AdminApi.of(serve, home, DEADLINE);
            admin.await("the pipeline runs", () -> state(admin).equals("RUNNING"));
            Path broken = PluginArchives.rewrite(shipped, plugins.resolve("transforms-4.0.0.jar"), "4.0.0",
                    Map.of(KEEP.replace('.', '/') + ".class", PluginArchives.compile(temp.resolve("broken"), KEEP,
                            LivePluginsIT.BROKEN_KEEP)));
            admin.await("the pipeline went back from 4.0.0", () -> admin.get("/pipelines/live").path("lastSwap")
                    .asText().startsWith("went back"));
            Files.delete(broken);
            admin.await("transforms 4.0.0 is gone", () -> admin.plugin("transforms", "4.0.0").isMissingNode());
            Files.delete(plugins.resolve(shipped.getFileName()));
            admin.await("the pipeline waits", () -> state(admin).equals("WAITING_FOR_PLUGIN"));

            JsonNode waiting = admin.get("/pipelines/live");
            assertThat(waiting.path("waitingFor").asText()).as("transforms 4.0.0 was removed and unloaded")
                    .contains("transforms").doesNotContain("4.0.0");
        } finally {
            serve.process.descendants().forEach(ProcessHandle::destroyForcibly);
            serve.process.destroyForcibly();
        }
    }

    private static String state(AdminApi admin) {
        return admin.get("/pipelines/live").path("state").asText();
    }
}
