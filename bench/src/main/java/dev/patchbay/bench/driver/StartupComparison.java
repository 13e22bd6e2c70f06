package dev.patchbay.bench.driver;

import dev.patchbay.bench.startup.PluginJarGenerator;
import dev.patchbay.bench.startup.StartupContender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plugin start-up at scale: for each plugin count N, runs the contenders (Patchbay, raw pf4j, plain
 * ServiceLoader) each in a JVM of its own, interleaved A B C A B C, after one untimed warm-up round that brings
 * the jars into the page cache. Prints a Markdown report with the median, min and max of the in-JVM time to
 * "all extensions known", the ratios of the medians, heap and metaspace after GC, peak RSS, and the per-plugin
 * memory cost between the smallest and the largest N.
 *
 * <p>Usage: {@code StartupComparison <root> <runs> <n>...}, where {@code <root>} holds the sets written by
 * {@link PluginJarGenerator}.
 */
public final class StartupComparison {

    private static final Pattern RESULT = Pattern.compile(
            "RESULT contender=(\\S+) extensions=(\\d+) millis=([0-9.]+) cpuMillis=([0-9.]+) heapBytes=(\\d+) "
            + "metaspaceBytes=(\\d+)");
    private static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx1g");

    private StartupComparison() {
    }

    /** One contender's measurements for one N. */
    private record Series(List<Double> millis, List<Double> cpuMs, List<Double> heapMb, List<Double> metaspaceMb,
            List<Double> wallMs, List<Double> rssMb) {
        Series() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>());
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: StartupComparison <root> <runs> <n>...");
        }
        Path root = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        // CONTENDERS="patchbay-discovery patchbay-discovery-nolinkage" compares discovery with and without the
        // linkage check (issue 12); a name with "nolinkage" runs with -Dpatchbay.linkageCheck=false.
        List<String> contenders = List.of(System.getenv().getOrDefault("CONTENDERS", "patchbay pf4j serviceloader")
                .trim().split("\\s+"));
        // The contenders run on this JVM's own class path, so a host jar placed in front of benchmarks.jar
        // (for example a build of a branch not yet merged) is measured as well.
        String classPath = System.getProperty("java.class.path");
        Path scratch = root.resolve("scratch");
        Map<Integer, Map<String, Series>> results = new LinkedHashMap<>();
        for (int n : sizes) {
            Path dir = root.resolve("plugins-" + n);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException(dir + " does not exist; run PluginJarGenerator " + root + " " + n);
            }
            int expected = PluginJarGenerator.extensionCount(n);
            Map<String, Series> byContender = new LinkedHashMap<>();
            contenders.forEach(c -> byContender.put(c, new Series()));
            for (int round = 0; round <= runs; round++) {
                for (String contender : contenders) {
                    List<String> command = new ArrayList<>();
                    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                    command.addAll(CHILD_JVM_OPTIONS);
                    if (contender.contains("nolinkage")) {
                        command.add("-Dpatchbay.linkageCheck=false");
                    }
                    command.addAll(List.of("-cp", classPath, StartupContender.class.getName(), contender, dir.toString(),
                            Integer.toString(expected)));
                    ProcessRun run = ProcessRun.run(command, Map.of(), scratch);
                    Matcher result = RESULT.matcher(run.stdout());
                    if (!result.find()) {
                        throw new IllegalStateException(contender + " printed no RESULT line:\n" + run.stdout()
                                + run.stderr());
                    }
                    System.err.printf(Locale.ROOT, "N=%d round %d %s: %s ms in JVM, %s ms CPU, %.0f ms wall, %d kB RSS%n",
                            n, round, contender, result.group(3), result.group(4), run.wallMillis(), run.peakRssKb());
                    if (round == 0) {
                        continue;
                    }
                    Series series = byContender.get(contender);
                    series.millis().add(Double.parseDouble(result.group(3)));
                    series.cpuMs().add(Double.parseDouble(result.group(4)));
                    series.heapMb().add(Long.parseLong(result.group(5)) / 1048576.0);
                    series.metaspaceMb().add(Long.parseLong(result.group(6)) / 1048576.0);
                    series.wallMs().add(run.wallMillis());
                    series.rssMb().add(run.peakRssKb() / 1024.0);
                }
            }
            results.put(n, byContender);
        }
        report(results, contenders, runs);
    }

    private static void report(Map<Integer, Map<String, Series>> results, List<String> contenders, int runs) {
        System.out.printf(Locale.ROOT, "%n### Time to all extensions known (in-JVM ms, median of %d, [min, max])%n%n",
                runs);
        StringBuilder head = new StringBuilder("| N | contender | median ms | min | max | vs pf4j | vs ServiceLoader "
                + "| CPU ms | CPU vs pf4j | heap MB | metaspace MB | process wall ms | peak RSS MB |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        System.out.print(head);
        for (Map.Entry<Integer, Map<String, Series>> entry : results.entrySet()) {
            Map<String, Series> byContender = entry.getValue();
            // Without pf4j and ServiceLoader among CONTENDERS, the ratios are against the last contender listed.
            Series last = byContender.get(contenders.get(contenders.size() - 1));
            double pf4j = Stats.of(byContender.getOrDefault("pf4j", last).millis()).median();
            double serviceLoader = Stats.of(byContender.getOrDefault("serviceloader", last).millis()).median();
            double pf4jCpu = Stats.of(byContender.getOrDefault("pf4j", last).cpuMs()).median();
            for (String contender : contenders) {
                Series s = byContender.get(contender);
                Stats millis = Stats.of(s.millis());
                double cpu = Stats.of(s.cpuMs()).median();
                System.out.printf(Locale.ROOT,
                        "| %d | %s | %.0f | %.0f | %.0f | %.2fx | %.2fx | %.0f | %.2fx | %.1f | %.1f | %.0f | %.0f |%n",
                        entry.getKey(), contender, millis.median(), millis.min(), millis.max(), millis.median() / pf4j,
                        millis.median() / serviceLoader, cpu, cpu / pf4jCpu, Stats.of(s.heapMb()).median(),
                        Stats.of(s.metaspaceMb()).median(), Stats.of(s.wallMs()).median(),
                        Stats.of(s.rssMb()).median());
            }
        }
        List<Integer> sizes = new ArrayList<>(results.keySet());
        if (sizes.size() >= 2) {
            int small = sizes.stream().min(Integer::compare).orElseThrow();
            int large = sizes.stream().max(Integer::compare).orElseThrow();
            System.out.printf(Locale.ROOT, "%n### Per-plugin cost between N=%d and N=%d (medians)%n%n", small, large);
            System.out.println("| contender | ms per plugin | heap KB per plugin | metaspace KB per plugin |");
            System.out.println("|---|---|---|---|");
            for (String contender : contenders) {
                Series a = results.get(small).get(contender);
                Series b = results.get(large).get(contender);
                double plugins = large - small;
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f | %.1f |%n", contender,
                        (Stats.of(b.millis()).median() - Stats.of(a.millis()).median()) / plugins,
                        (Stats.of(b.heapMb()).median() - Stats.of(a.heapMb()).median()) * 1024 / plugins,
                        (Stats.of(b.metaspaceMb()).median() - Stats.of(a.metaspaceMb()).median()) * 1024 / plugins);
            }
        }
    }
}
