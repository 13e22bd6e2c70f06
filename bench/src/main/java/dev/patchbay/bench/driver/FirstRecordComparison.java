package dev.patchbay.bench.driver;

import dev.patchbay.bench.firstrecord.FirstRecordHome;
import dev.patchbay.bench.firstrecord.FirstRecordRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Time to first record: {@code dist/bin/patchbay run} with one small pipeline that uses the distribution's plugins
 * (files/csv-source, transforms/filter, files/jsonl-sink), with N other plugins installed, from process start to the
 * first complete line in the output file and to process exit. The N are interleaved, round by round, after one
 * untimed warm-up round (page cache, and the linkage cache under {@code <state>/cache} unless cold).
 *
 * <p>Usage: {@code FirstRecordComparison <root> <dist> <runs> <n>...}, where {@code <root>} holds the sets
 * {@code plugins-<n>} written by {@link dev.patchbay.bench.startup.PluginJarGenerator} (none needed for n = 0).
 * {@code CACHE=cold} empties the whole state folder before every run, the linkage cache included; the default,
 * {@code warm}, keeps {@code <state>/cache}.
 */
public final class FirstRecordComparison {

    private FirstRecordComparison() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: FirstRecordComparison <root> <dist> <runs> <n>...");
        }
        Path root = Path.of(args[0]);
        Path dist = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        boolean warm = !"cold".equals(System.getenv().getOrDefault("CACHE", "warm"));
        Path launcher = dist.resolve("bin/patchbay");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing; build the distribution with "
                    + "mvn -q -DskipTests package");
        }
        Path work = root.resolve("first-record");
        Map<Integer, FirstRecordHome> homes = new LinkedHashMap<>();
        for (int n : sizes) {
            Path generated = n == 0 ? null : root.resolve("plugins-" + n);
            if (generated != null && !Files.isDirectory(generated)) {
                throw new IllegalStateException(generated + " does not exist; run PluginJarGenerator " + root + " " + n);
            }
            homes.put(n, FirstRecordHome.create(work, dist, n, generated));
        }
        Map<Integer, List<Double>> first = new LinkedHashMap<>();
        Map<Integer, List<Double>> exit = new LinkedHashMap<>();
        sizes.forEach(n -> {
            first.put(n, new ArrayList<>());
            exit.put(n, new ArrayList<>());
        });
        for (int round = 0; round <= runs; round++) {
            for (int n : sizes) {
                FirstRecordHome home = homes.get(n);
                home.reset(warm);
                FirstRecordRun run = FirstRecordRun.of(launcher, dist, home);
                System.err.printf(Locale.ROOT, "N=%d round %d: first record %.0f ms, exit %.0f ms%n", n, round,
                        run.firstRecordMillis(), run.exitMillis());
                if (round > 0) {
                    first.get(n).add(run.firstRecordMillis());
                    exit.get(n).add(run.exitMillis());
                }
            }
        }
        int smallest = sizes.stream().min(Integer::compare).orElseThrow();
        double base = Stats.of(first.get(smallest)).median();
        double baseExit = Stats.of(exit.get(smallest)).median();
        System.out.printf(Locale.ROOT, "%n### Time to first record, %s linkage cache (ms from process start, median of "
                + "%d [min, max])%n%n", warm ? "warm" : "cold", runs);
        System.out.printf(Locale.ROOT, "| other plugins N | first record | vs N=%d | process exit | vs N=%d |%n",
                smallest, smallest);
        System.out.println("|---|---|---|---|---|");
        for (int n : sizes) {
            Stats f = Stats.of(first.get(n));
            Stats e = Stats.of(exit.get(n));
            System.out.printf(Locale.ROOT, "| %d | %.0f [%.0f, %.0f] | %.2fx | %.0f [%.0f, %.0f] | %.2fx |%n", n,
                    f.median(), f.min(), f.max(), f.median() / base, e.median(), e.min(), e.max(),
                    e.median() / baseExit);
        }
    }
}
