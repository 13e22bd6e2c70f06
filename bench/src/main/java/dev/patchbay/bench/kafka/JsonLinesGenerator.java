package dev.patchbay.bench.kafka;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the Kafka benchmark's payload: {@code records} JSON objects, one a line, with the fields of the
 * throughput benchmark's CSV rows ({@code id, name, email, age, city, score}), from a fixed seed, so the same
 * arguments always give the same bytes. The lines are about 110 bytes, a small realistic event. The same file is
 * ProducerPerformance's {@code --payload-file} and {@code files/jsonl-source}'s input.
 *
 * <p>Usage: {@code JsonLinesGenerator <file> [records] [seed]} (defaults: 1,000,000 records, seed 20261202).
 */
public final class JsonLinesGenerator {

    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "John",
        "Margaret", "Ken", "Dennis", "Radia", "Leslie", "Tony", "Niklaus", "Shafi", "Whitfield", "Sophie", "Yukihiro",
        "Guido", "Bjarne", "Anders", "James", "Brian", "Hedy", "Katherine", "Dorothy", "Mary", "Jean", "Fran"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen",
        "McCarthy", "Hamilton", "Thompson", "Ritchie", "Perlman", "Lamport", "Hoare", "Wirth", "Goldwasser",
        "Diffie", "Wilson", "Matsumoto", "van Rossum", "Stroustrup", "Hejlsberg", "Gosling", "Kernighan", "Lamarr",
        "Johnson", "Vaughan", "Jackson", "Sammet", "Bilas"};
    private static final String[] CITIES = {"London", "Paris", "Berlin", "Madrid", "Rome", "Vienna", "Prague",
        "Warsaw", "Lisbon", "Dublin", "Oslo", "Helsinki", "Zurich", "Amsterdam", "Brussels", "Copenhagen",
        "Stockholm", "Athens", "Budapest", "Tallinn", "Sao Paulo", "New York", "Tokyo", "Nairobi", "Sydney"};
    private static final String[] DOMAINS = {"example.org", "example.com", "mail.test", "corp.example"};

    private JsonLinesGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            throw new IllegalArgumentException("usage: JsonLinesGenerator <file> [records] [seed]");
        }
        long records = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261202L;
        write(Path.of(args[0]), records, seed);
    }

    static void write(Path file, long records, long seed) throws IOException {
        if (records < 1) {
            throw new IllegalArgumentException("records must be at least 1, got " + records);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(160);
            for (long id = 1; id <= records; id++) {
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                String email = (first + "." + last).toLowerCase(Locale.ROOT).replace(' ', '-') + id + "@"
                        + DOMAINS[random.nextInt(DOMAINS.length)];
                int age = random.nextInt(90);
                String city = CITIES[random.nextInt(CITIES.length)];
                int tenths = random.nextInt(1000);
                line.setLength(0);
                line.append("{\"id\":").append(id).append(",\"name\":\"").append(first).append(' ').append(last)
                        .append("\",\"email\":\"").append(email).append("\",\"age\":").append(age)
                        .append(",\"city\":\"").append(city).append("\",\"score\":").append(tenths / 10)
                        .append('.').append(tenths % 10).append("}\n");
                out.append(line);
            }
        }
    }
}
