package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9: a sink whose file system fills up. The output goes to a 256 KiB tmpfs; the run fails with a message
 * that names the file and says the disk is full; after the tmpfs is remounted larger, the next run cuts what
 * the failed write tore, logs it, and completes: the file is readable ({@code gzip -t} passes, every line is
 * JSON) and no input id is missing.
 *
 * <p>Mounting needs root (or CAP_SYS_ADMIN); where {@code mount -t tmpfs} is not permitted the test is skipped.
 */
class DiskFullIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IDS = 20_000;

    @TempDir
    Path temp;

    private Path disk;
    private boolean mounted;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        disk = Files.createDirectories(temp.resolve("disk"));
        OutputFiles.Command.Result mount = OutputFiles.Command.run(30, null, "mount", "-t", "tmpfs", "-o",
                "size=256k", "tmpfs", disk.toString());
        mounted = mount.exitCode() == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): " + mount.stderr());
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            OutputFiles.Command.Result umount = OutputFiles.Command.run(30, null, "umount", disk.toString());
            if (umount.exitCode() != 0) {
                OutputFiles.Command.run(30, null, "umount", "-l", disk.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"out.jsonl", "out.jsonl.gz"})
    void aFullDiskFailsNamingTheFileAndTheRunAfterSpaceIsFreedRepairsTheFileAndLosesNothing(String name)
            throws Exception {
        Patchbay patchbay = new Patchbay(temp.resolve("home"));
        writeInput(patchbay.home().resolve("data/ids.jsonl"));
        Path output = disk.resolve(name);
        patchbay.config(config(patchbay.distPlugins(), output));

        Patchbay.Result full = patchbay.run("run");

        assertThat(full.exitCode()).as(full.toString()).isEqualTo(1);
        assertThat(full.stderr()).contains("cannot write '" + output + "' (", "No space left on device; free space on"
                + " that file system or point \"path\" elsewhere");
        boolean gzip = name.endsWith(".gz");
        OutputFiles.Records before = gzip ? OutputFiles.gzip(output, temp).records() : OutputFiles.jsonLines(output);
        boolean torn = gzip ? !OutputFiles.gzip(output, temp).intact() : before.tornBytes() > 0;
        long acknowledged = acknowledged(patchbay.home());
        Set<Long> complete = new HashSet<>(before.ids());
        assertThat(LongStream.range(0, acknowledged).filter(id -> !complete.contains(id)).boxed().toList())
                .as("acknowledged ids missing before the torn tail").isEmpty();
        System.out.printf("%s: the disk filled at %d bytes, %d records acknowledged, torn: %s%n", name,
                Files.size(output), acknowledged, torn);

        OutputFiles.Command.Result remount = OutputFiles.Command.run(30, null, "mount", "-o", "remount,size=16m",
                disk.toString());
        assertThat(remount.exitCode()).as("remount: " + remount.stderr()).isZero();
        Patchbay.Result freed = patchbay.run("run");

        assertThat(freed.exitCode()).as(freed.toString()).isZero();
        if (torn) {
            assertThat(freed.stderr()).contains("repaired output file " + output + " before appending: cut ");
        }
        OutputFiles.Records after;
        if (gzip) {
            OutputFiles.Gzip check = OutputFiles.gzip(output, temp);
            assertThat(check.test()).as("gzip -t").isEqualTo(new OutputFiles.Command.Result(0, ""));
            after = check.records();
        } else {
            after = OutputFiles.jsonLines(output);
        }
        assertThat(after.tornBytes()).isZero();
        Set<Long> seen = new HashSet<>(after.ids());
        assertThat(LongStream.range(0, IDS).filter(id -> !seen.contains(id)).boxed().toList())
                .as("input ids missing from the output").isEmpty();
    }

    private static long acknowledged(Path home) throws IOException {
        Path checkpoint = home.resolve("state/fill.json");
        if (!Files.exists(checkpoint)) {
            return 0;
        }
        String position = JSON.readTree(checkpoint.toFile()).get("position").asText();
        return Long.parseLong(position.substring(position.indexOf("line=") + "line=".length())) - 1;
    }

    /** About 2.6 MB of records with random payloads, so that even gzip output overflows the tmpfs. */
    private static void writeInput(Path file) throws IOException {
        Random random = new Random(7);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int id = 0; id < IDS; id++) {
                StringBuilder payload = new StringBuilder();
                for (int i = 0; i < 12; i++) {
                    payload.append(Long.toHexString(random.nextLong() | Long.MIN_VALUE).substring(0, 8));
                }
                out.write("{\"id\":" + id + ",\"payload\":\"" + payload + "\"}\n");
            }
        }
    }

    private static String config(Path plugins, Path output) {
        return """
                {
                  "plugins": { "directory": "%s" },
                  "pipelines": { "fill": {
                    "source": { "use": "files/jsonl-source", "settings": { "path": "data/ids.jsonl" } },
                    "sink": { "use": "files/jsonl-sink", "settings": { "path": "%s" } },
                    "batchSize": 500, "lingerMillis": 20, "queueCapacity": 2000 } }
                }
                """.formatted(plugins.toString().replace("\\", "\\\\"), output.toString().replace("\\", "\\\\"));
    }
}
