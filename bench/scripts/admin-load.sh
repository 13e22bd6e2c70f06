#!/bin/sh
# The admin API under load (issue 10): patchbay serve runs the 1,000,000-row throughput job while 200 clients
# make 50 requests each to /pipelines and /metrics; quiet and loaded trials alternate.
#   TRIALS=5 CLIENTS=200 REQUESTS=50 bench/scripts/admin-load.sh
# Needs dist/ (mvn -q -DskipTests package) and bench/target/benchmarks.jar.
set -eu
. "$(dirname "$0")/common.sh"
WORK=${BENCH_WORK:-$ROOT/bench/target/admin-load}
TRIALS=${TRIALS:-5}
ROWS=${ROWS:-1000000}
DIST=${PATCHBAY_DIST:-$ROOT/dist}
mkdir -p "$WORK"
cp "$JAR" "$WORK/benchmarks.jar"
JAR=$WORK/benchmarks.jar
INPUT=$WORK/input-$ROWS.csv
if [ ! -f "$INPUT" ]; then
    "$JAVA" -cp "$JAR" dev.patchbay.bench.throughput.CsvGenerator "$INPUT" "$ROWS"
fi
machine
"$JAVA" -cp "$JAR" dev.patchbay.bench.driver.AdminLoadComparison "$INPUT" "$WORK" "$TRIALS" "$DIST" \
    "${CLIENTS:-200}" "${REQUESTS:-50}" | tee "$WORK/report.md"
