package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a test can tell about an output file of the files sinks, with real tools where there are some: the ids
 * of its complete records, and how many bytes at its end are torn. A record in the middle that does not parse
 * fails the test at once, since only the end of a file may be torn (and only until the next start repairs it).
 */
final class OutputFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputFiles() {
    }

    /**
     * The complete records of a file and what follows them.
     *
     * @param ids the {@code id} of each complete record, in file order
     * @param completeBytes where the last complete record ends (in the decompressed data for gzip)
     * @param size the file's size (decompressed, up to any tear, for gzip)
     */
    record Records(List<Long> ids, long completeBytes, long size) {

        long tornBytes() {
            return size - completeBytes;
        }
    }

    /** What {@code gzip -t} and {@code zcat} said about a gzip file, and the records zcat printed. */
    record Gzip(Command.Result test, Command.Result zcat, Records records) {

        /** Whether gzip -t accepts the file as it is, with no warning. */
        boolean intact() {
            return test.exitCode() == 0 && test.stderr().isBlank() && zcat.exitCode() == 0;
        }
    }

    /** Reads JSON Lines: every line before the last line feed must be a JSON object with an id. */
    static Records jsonLines(Path file) throws IOException {
        return jsonLines(file.toString(), Files.readAllBytes(file));
    }

    private static Records jsonLines(String name, byte[] bytes) throws IOException {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        List<Long> ids = new ArrayList<>();
        String[] lines = new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            JsonNode node;
            try {
                node = JSON.readTree(lines[i]);
            } catch (IOException e) {
                throw new AssertionError("line " + (i + 1) + " of " + name + " is not JSON (a torn record that was"
                        + " not cut): " + lines[i], e);
            }
            assertThat(node.isObject() && node.has("id")).as("line %d of %s: %s", i + 1, name, lines[i]).isTrue();
            ids.add(node.get("id").asLong());
        }
        return new Records(ids, end, bytes.length);
    }

    /**
     * Reads the CSV the kill test writes: a header {@code id,payload}, then records whose payload may be
     * quoted over two lines. A record ends at a line feed outside quotes.
     */
    static Records csv(Path file, String header) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<Long> ids = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        long complete = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n' && !quoted) {
                String record = text.substring(start, i);
                if (start == 0) {
                    assertThat(record).as("the header of %s", file).isEqualTo(header);
                } else {
                    assertThat(record).as("record at byte %d of %s", start, file).matches("[0-9]+,(\"[^\"]*\"|[^\",]*)");
                    ids.add(Long.parseLong(record.substring(0, record.indexOf(','))));
                }
                start = i + 1;
                complete = start;
            }
        }
        return new Records(ids, complete, text.length());
    }

    /** Runs {@code gzip -t} and {@code zcat} on a gzip file and reads the JSON Lines zcat prints. */
    static Gzip gzip(Path file, Path scratch) throws IOException, InterruptedException {
        Command.Result test = Command.run(30, null, "gzip", "-t", file.toString());
        Path decompressed = scratch.resolve(file.getFileName() + ".zcat");
        Command.Result zcat = Command.run(30, decompressed, "zcat", file.toString());
        Records records = jsonLines("zcat " + file, Files.readAllBytes(decompressed));
        Files.delete(decompressed);
        return new Gzip(test, zcat, records);
    }

    /** A command run to its end within a deadline. */
    static final class Command {

        record Result(int exitCode, String stderr) {
        }

        private Command() {
        }

        /**
         * Runs a command.
         *
         * @param stdout the file its standard output goes to; null to discard it
         * @throws AssertionError if it does not end within {@code seconds}
         */
        static Result run(long seconds, Path stdout, String... command) throws IOException, InterruptedException {
            Path err = Files.createTempFile("patchbay-it-command", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
                builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD
                        : ProcessBuilder.Redirect.to(stdout.toFile()));
                Process process = builder.start();
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not end within " + seconds + " s");
                }
                return new Result(process.exitValue(), Files.readString(err));
            } finally {
                Files.delete(err);
            }
        }
    }
}
