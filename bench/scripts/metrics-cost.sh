#!/bin/sh
# The metrics' cost on the 1M-row throughput pipeline, in one JVM: metrics off (no observer, no registry) and on
# (call-latency histogram plus a scrape every second), interleaved, after an untimed warm-up pair.
#   PAIRS=10 ROWS=1000000 bench/scripts/metrics-cost.sh
# Needs dist/plugins (mvn -q -DskipTests package). The output and state go to METRICS_WORK, tmpfs by default, so
# that the disk's fsync time, which the metrics do not change, stays out of the figures.
set -eu
. "$(dirname "$0")/common.sh"
WORK=${BENCH_WORK:-$ROOT/bench/target/metrics-cost}
RUNS_WORK=${METRICS_WORK:-/dev/shm/patchbay-metrics-cost}
PAIRS=${PAIRS:-10}
ROWS=${ROWS:-1000000}
DIST=${PATCHBAY_DIST:-$ROOT/dist}
mkdir -p "$WORK"
cp "$JAR" "$WORK/benchmarks.jar"
JAR=$WORK/benchmarks.jar
INPUT=$ROOT/bench/target/throughput/input-$ROWS.csv
if [ ! -f "$INPUT" ]; then
    mkdir -p "$(dirname "$INPUT")"
    "$JAVA" -cp "$JAR" dev.patchbay.bench.throughput.CsvGenerator "$INPUT" "$ROWS"
fi
machine
"$JAVA" --add-opens java.base/java.lang=ALL-UNNAMED -Xms1g -Xmx1g -cp "$JAR" dev.patchbay.bench.metrics.MetricsCost "$INPUT" "$DIST/plugins" "$RUNS_WORK" \
    "$PAIRS" 2>"$WORK/stderr.log" | tee "$WORK/report.md"
rm -rf "$RUNS_WORK"
