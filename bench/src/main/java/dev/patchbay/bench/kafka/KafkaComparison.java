package dev.patchbay.bench.kafka;

import dev.patchbay.bench.driver.ProcessRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Kafka benchmark's driver (issue 14, section 4), run by {@code bench/scripts/kafka-throughput.sh} against a
 * broker the script started. In one run, interleaved round by round:
 * <ol>
 *   <li>fill: ProducerPerformance writes the payload's records into the consumer topic (acks=all, idempotent);
 *   <li>consumer side: ConsumerPerformance, then Patchbay with each host count ({@code kafka/source} to
 *       {@code files/jsonl-sink}), each in a fresh group, timed from start until the outputs hold every record;
 *   <li>producer side: ProducerPerformance, then Patchbay ({@code files/jsonl-source} to {@code kafka/sink}), each
 *       into a fresh topic, timed from start to exit, the topic's end offsets checked after.
 * </ol>
 * Round 0 is an untimed warm-up of every contender (page cache, JIT of nothing: each run is a new JVM; the plugin
 * archives' first staging).
 *
 * <p>Usage: {@code KafkaComparison WORK DIST KAFKA_ZIP TOOLS_CLASSPATH_FILE BOOTSTRAP PAYLOAD RECORDS RUNS
 * PARTITIONS HOSTS...}
 */
public final class KafkaComparison {

    private static final long DEADLINE_SECONDS = 900;

    private final Path work;
    private final Path dist;
    private final Path kafkaZip;
    private final KafkaTools tools;
    private final String bootstrap;
    private final Path payload;
    private final long records;
    private final int partitions;
    private final boolean jfr = "1".equals(System.getenv("JFR"));

    private KafkaComparison(Path work, Path dist, Path kafkaZip, KafkaTools tools, String bootstrap, Path payload,
            long records, int partitions) {
        this.work = work;
        this.dist = dist;
        this.kafkaZip = kafkaZip;
        this.tools = tools;
        this.bootstrap = bootstrap;
        this.payload = payload;
        this.records = records;
        this.partitions = partitions;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 10) {
            throw new IllegalArgumentException("usage: KafkaComparison WORK DIST KAFKA_ZIP TOOLS_CLASSPATH_FILE"
                    + " BOOTSTRAP PAYLOAD RECORDS RUNS PARTITIONS HOSTS...");
        }
        Path work = Path.of(args[0]).toAbsolutePath();
        Path toolsClassPath = Path.of(args[3]);
        String classPath = Files.readString(toolsClassPath, StandardCharsets.UTF_8).strip();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        KafkaTools tools = new KafkaTools(java, classPath, args[4], work.resolve("scratch"));
        List<Integer> hosts = new ArrayList<>();
        for (int i = 9; i < args.length; i++) {
            hosts.add(Integer.parseInt(args[i]));
        }
        KafkaComparison comparison = new KafkaComparison(work, Path.of(args[1]), Path.of(args[2]), tools, args[4],
                Path.of(args[5]), Long.parseLong(args[6]), Integer.parseInt(args[8]));
        comparison.run(Integer.parseInt(args[7]), hosts);
    }

    private void run(int runs, List<Integer> hostCounts) throws IOException, InterruptedException {
        String topic = "consume-" + System.currentTimeMillis();
        tools.createTopic(topic, partitions);
        ProcessRun fill = tools.run(tools.producerPerformance(topic, records, payload));
        ToolReport filled = ToolReport.producer(fill.stdout());
        check(tools.records(topic), "the consumer topic " + topic + " after the fill");
        System.out.printf(Locale.ROOT, "fill: ProducerPerformance wrote %d records to %s (%d partitions) in %.0f ms"
                + " (process); its own figure %.0f records/s, %s%n", filled.records(), topic, partitions,
                fill.wallMillis(), filled.recordsPerSecond(), filled.detail());

        int most = hostCounts.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<KafkaHome> homes = new ArrayList<>();
        for (int i = 1; i <= Math.max(most, 1); i++) {
            homes.add(KafkaHome.create(work, "host-" + i, dist.resolve("plugins"), kafkaZip));
        }
        HostGroup group = new HostGroup(dist.resolve("bin").resolve("patchbay"),
                Map.of("PATCHBAY_HOME", dist.toString()), jfr);
        Measurements consumer = new Measurements("ConsumerPerformance", records);
        Measurements producer = new Measurements("ProducerPerformance", records);
        for (int round = 0; round <= runs; round++) {
            consumerRound(round, topic, hostCounts, homes, group, round == 0 ? null : consumer);
            System.out.println("load average after consumer round " + round + ": " + loadAverage());
        }
        for (int round = 0; round <= runs; round++) {
            producerRound(round, homes.get(0), round == 0 ? null : producer);
            System.out.println("load average after producer round " + round + ": " + loadAverage());
        }
        tools.deleteTopic(topic);
        System.out.printf(Locale.ROOT, "%n## Consumer side: %d records, %d partitions, medians of %d rounds%n%n%s%n"
                + "%s%n## Producer side: %d records, %d partitions, medians of %d rounds%n%n%s%n%s", records,
                partitions, runs, consumer.table(), consumer.runNotes(), records, partitions, runs, producer.table(),
                producer.runNotes());
    }

    private void consumerRound(int round, String topic, List<Integer> hostCounts, List<KafkaHome> homes,
            HostGroup group, Measurements into) throws IOException, InterruptedException {
        String cpGroup = "bench-cp-" + round + "-" + System.nanoTime();
        ProcessRun cp = tools.run(tools.consumerPerformance(topic, records, cpGroup));
        ToolReport cpReport = ToolReport.consumer(cp.stdout());
        if (cpReport.records() != records) {
            throw new IllegalStateException("ConsumerPerformance consumed " + cpReport.records() + " records, not "
                    + records + ":\n" + cp.stdout());
        }
        note(into, round, "ConsumerPerformance", cp.wallMillis(), cp.cpuMillis(), String.format(Locale.ROOT,
                "its own figure %.0f records/s (%s), peak RSS %d MB", cpReport.recordsPerSecond(), cpReport.detail(),
                cp.peakRssKb() / 1024));
        for (int n : hostCounts) {
            List<KafkaHome> used = homes.subList(0, n);
            String pbGroup = "bench-pb" + n + "-" + round + "-" + System.nanoTime();
            for (KafkaHome home : used) {
                home.consumerRun(bootstrap, topic, pbGroup);
            }
            HostGroup.Result result = group.run(used, records, DEADLINE_SECONDS);
            DeliveryCheck delivered = DeliveryCheck.of(used.stream().map(KafkaHome::output).toList());
            if (delivered.distinct() != records) {
                throw new IllegalStateException(n + " Patchbay host(s) delivered " + delivered.distinct()
                        + " distinct records of " + records + " (" + delivered + ")");
            }
            double streaming = (records - 0.0) * 1000 / (result.millis() - result.firstLineMillis());
            note(into, round, "Patchbay, " + n + (n == 1 ? " host" : " hosts"), result.millis(), result.cpuMillis(),
                    String.format(Locale.ROOT, "first line after %.0f ms, then %.0f records/s; %d duplicates after"
                            + " the stop; largest peak RSS %d MB%s", result.firstLineMillis(), streaming,
                            delivered.duplicates(), result.peakRssKb() / 1024,
                            result.stopProblems().isEmpty() ? "" : "; STOP FAILED: " + result.stopProblems()));
        }
    }

    private void producerRound(int round, KafkaHome home, Measurements into) throws IOException,
            InterruptedException {
        String ppTopic = "produce-pp-" + round + "-" + System.currentTimeMillis();
        tools.createTopic(ppTopic, partitions);
        ProcessRun pp = tools.run(tools.producerPerformance(ppTopic, records, payload));
        ToolReport ppReport = ToolReport.producer(pp.stdout());
        check(tools.records(ppTopic), "topic " + ppTopic + " after ProducerPerformance");
        tools.deleteTopic(ppTopic);
        note(into, round, "ProducerPerformance", pp.wallMillis(), pp.cpuMillis(), String.format(Locale.ROOT,
                "its own figure %.0f records/s (%s), peak RSS %d MB", ppReport.recordsPerSecond(), ppReport.detail(),
                pp.peakRssKb() / 1024));

        String pbTopic = "produce-pb-" + round + "-" + System.currentTimeMillis();
        tools.createTopic(pbTopic, partitions);
        home.producerRun(bootstrap, payload, pbTopic);
        Map<String, String> environment = new java.util.HashMap<>(Map.of("PATCHBAY_HOME", dist.toString(),
                "PATCHBAY_CONFIG", home.config().toString()));
        if (jfr) {
            environment.put("JAVA_OPTS", "-XX:StartFlightRecording=settings=profile,filename="
                    + home.base().resolve("producer.jfr"));
        }
        ProcessRun pb = ProcessRun.run(List.of(dist.resolve("bin").resolve("patchbay").toString(), "run"),
                environment, work.resolve("scratch"));
        check(tools.records(pbTopic), "topic " + pbTopic + " after Patchbay's kafka/sink");
        tools.deleteTopic(pbTopic);
        note(into, round, "Patchbay, 1 host", pb.wallMillis(), pb.cpuMillis(), String.format(Locale.ROOT, "peak RSS %d MB",
                pb.peakRssKb() / 1024));
    }

    private void check(long held, String what) {
        if (held != records) {
            throw new IllegalStateException(what + " holds " + held + " records, expected " + records);
        }
    }

    private static void note(Measurements into, int round, String contender, double millis, double cpuMillis,
            String note) {
        System.out.printf(Locale.ROOT, "round %d %s: %.0f ms, CPU %.0f ms; %s%n", round, contender, millis,
                cpuMillis, note);
        if (into != null) {
            into.add(contender, millis, cpuMillis, note);
        }
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }
}
