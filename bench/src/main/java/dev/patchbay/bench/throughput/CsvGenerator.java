package dev.patchbay.bench.throughput;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the throughput job's input: {@code rows} CSV rows {@code id,name,email,age,city,score} after a header,
 * from a fixed seed, so the same arguments always give the same bytes. About one name in fifty contains a comma
 * and is quoted per RFC 4180, so every contender has to parse quotes. Ages run from 0 to 89, so roughly a fifth
 * of the rows are filtered out.
 *
 * <p>Usage: {@code CsvGenerator <file> [rows] [seed]} (defaults: 1,000,000 rows, seed 20261122).
 */
public final class CsvGenerator {

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

    private CsvGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            throw new IllegalArgumentException("usage: CsvGenerator <file> [rows] [seed]");
        }
        Path file = Path.of(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261122L;
        write(file, rows, seed);
    }

    static void write(Path file, long rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,name,email,age,city,score\n");
            StringBuilder line = new StringBuilder(128);
            for (long id = 1; id <= rows; id++) {
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                boolean suffixed = random.nextInt(50) == 0;
                String name = suffixed ? last + ", " + first + " Jr." : first + " " + last;
                String email = (first + "." + last).toLowerCase(Locale.ROOT).replace(' ', '-') + id + "@"
                        + DOMAINS[random.nextInt(DOMAINS.length)];
                int age = random.nextInt(90);
                String city = CITIES[random.nextInt(CITIES.length)];
                int tenths = random.nextInt(1000);
                line.setLength(0);
                line.append(id).append(',');
                if (suffixed) {
                    line.append('"').append(name.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(name);
                }
                line.append(',').append(email).append(',').append(age).append(',').append(city).append(',')
                        .append(tenths / 10).append('.').append(tenths % 10).append('\n');
                out.append(line);
            }
        }
    }
}
