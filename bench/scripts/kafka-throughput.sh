#!/bin/sh
# Kafka throughput (issue 14, section 4): Patchbay's kafka plugin against Kafka's own perf tools, in one run.
#   RECORDS=1000000 RUNS=3 PARTITIONS=12 HOSTS="1 2 3" bench/scripts/kafka-throughput.sh
# 1. starts a KRaft broker (bench/scripts/kafka-broker.sh) in $WORK/broker, generates RECORDS JSON lines
#    (JsonLinesGenerator: the throughput CSV's fields, ~110 bytes each), creates a PARTITIONS-partition topic and
#    fills it with ProducerPerformance --payload-file (acks=all, idempotent, as kafka/sink);
# 2. consumer side, interleaved per round: ConsumerPerformance (fresh group, --num-records RECORDS) against
#    Patchbay with each host count in HOSTS (kafka/source -> files/jsonl-sink, one home per host, fresh group per
#    run), timed from start until the outputs hold RECORDS lines, then SIGTERM; every run's outputs are checked to
#    hold every (partition, offset) once at least;
# 3. producer side: ProducerPerformance against Patchbay files/jsonl-source -> kafka/sink, same payload and count,
#    each into a fresh topic whose end offsets are checked;
# 4. prints the tables (medians with [min, max], records/s, ratio to Kafka's tool) and the load averages.
# Round 0 is an untimed warm-up. Everything runs on this machine: the broker, the tools and the hosts share its
# cores. Needs dist/ and plugins/kafka's zip (mvn -q -DskipTests -DskipPitest -Djapicmp.skip=true package).
# Kafka's tools come from org.apache.kafka:kafka-tools (bench/kafka-tools/pom.xml, class path resolved by Maven).
# JFR=1 records each Patchbay host with JFR (settings=profile): host-N/host.jfr (consumer side, the last run) and
# host-1/producer.jfr (producer side); not for the figures, JFR costs CPU. The broker and every host
# are stopped on exit, whatever happens.
set -eu
. "$(dirname "$0")/common.sh"
WORK=${BENCH_WORK:-$ROOT/bench/target/kafka}
RECORDS=${RECORDS:-1000000}
RUNS=${RUNS:-3}
PARTITIONS=${PARTITIONS:-12}
HOSTS=${HOSTS:-1 2 3}
DIST=${PATCHBAY_DIST:-$ROOT/dist}
KAFKA_ZIP=${KAFKA_ZIP:-$(ls "$ROOT"/plugins/kafka/target/patchbay-plugin-kafka-*.zip 2>/dev/null | head -1)}
if [ ! -x "$DIST/bin/patchbay" ] || [ -z "$KAFKA_ZIP" ]; then
    echo "dist/ or plugins/kafka/target/*.zip is missing; build them: mvn -q -DskipTests -DskipPitest -Djapicmp.skip=true package" >&2
    exit 2
fi
mkdir -p "$WORK"
cp "$JAR" "$WORK/benchmarks.jar"
TOOLS_CP=$WORK/kafka-tools.classpath
if [ ! -s "$TOOLS_CP" ]; then
    mvn -q -B -Dstyle.color=never -f "$ROOT/bench/kafka-tools/pom.xml" dependency:build-classpath \
        -Dmdep.outputFile="$TOOLS_CP" >&2
fi
PAYLOAD=$WORK/payload-$RECORDS.jsonl
[ -f "$PAYLOAD" ] || "$JAVA" -cp "$WORK/benchmarks.jar" dev.patchbay.bench.kafka.JsonLinesGenerator "$PAYLOAD" "$RECORDS"
BROKER=$WORK/broker
stop_broker() {
    "$ROOT/bench/scripts/kafka-broker.sh" stop "$BROKER" >&2 || echo "could not stop the broker in $BROKER" >&2
}
trap stop_broker EXIT
trap 'exit 130' INT TERM
BOOTSTRAP=$("$ROOT/bench/scripts/kafka-broker.sh" start "$BROKER" | tail -1 | sed -n 's/^bootstrap=//p')
if [ -z "$BOOTSTRAP" ]; then
    echo "the broker did not print bootstrap=HOST:PORT; see $BROKER/broker.log" >&2
    exit 1
fi
REPORT=$WORK/report.md
{
    machine
    echo "broker: $BOOTSTRAP (one KRaft node on this machine), topic partitions: $PARTITIONS"
    echo "payload: $PAYLOAD, $RECORDS lines, $(wc -c < "$PAYLOAD") bytes"
} | tee "$REPORT"
# A pipe into tee loses the driver's exit status in sh, so the report's last table is the check that it ended well.
# shellcheck disable=SC2086 # HOSTS is a list of numbers
JFR=${JFR:-0} "$JAVA" -cp "$WORK/benchmarks.jar" dev.patchbay.bench.kafka.KafkaComparison "$WORK" "$DIST" \
    "$KAFKA_ZIP" "$TOOLS_CP" "$BOOTSTRAP" "$PAYLOAD" "$RECORDS" "$RUNS" "$PARTITIONS" $HOSTS 2>&1 | tee -a "$REPORT"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$REPORT"
grep -q '^## Producer side' "$REPORT" || { echo "the comparison failed; see $REPORT" >&2; exit 1; }
