#!/bin/sh
# Pipeline throughput on a generated 1,000,000-row CSV: dist/bin/patchbay run, Miller and the hand-written
# Java loop, whole process, interleaved A B C A B C; outputs compared record for record first.
#   RUNS=5 ROWS=1000000 bench/scripts/throughput.sh
#   PATCHBAY_BATCH_SIZES="10000" adds Patchbay contenders with that pipeline batchSize (default: none).
# Patchbay is measured when dist/bin/patchbay exists (build it with mvn -q -DskipTests package).
set -eu
. "$(dirname "$0")/common.sh"
WORK=${BENCH_WORK:-$ROOT/bench/target/throughput}
RUNS=${RUNS:-5}
ROWS=${ROWS:-1000000}
DIST=${PATCHBAY_DIST:-$ROOT/dist}
mkdir -p "$WORK"
# Run from a copy, so that rebuilding the module during a long run cannot change the code under test.
cp "$JAR" "$WORK/benchmarks.jar"
JAR=$WORK/benchmarks.jar
if ! command -v mlr >/dev/null 2>&1; then
    echo "Miller is missing; installing Debian's miller package" >&2
    apt-get update && apt-get install -y miller
fi
INPUT=$WORK/input-$ROWS.csv
if [ ! -f "$INPUT" ]; then
    "$JAVA" -cp "$JAR" dev.patchbay.bench.throughput.CsvGenerator "$INPUT" "$ROWS"
fi
if [ -x "$DIST/bin/patchbay" ]; then
    HOME_ARG=$DIST
else
    echo "NOTE: $DIST/bin/patchbay not found; Patchbay is left out of this run" >&2
    HOME_ARG=-
fi
BATCH_SIZES=${PATCHBAY_BATCH_SIZES:-}
machine
echo "miller: $(mlr --version)"
# shellcheck disable=SC2086 # BATCH_SIZES is a list of numbers
"$JAVA" -cp "$JAR" dev.patchbay.bench.driver.ThroughputComparison "$INPUT" "$WORK" "$RUNS" "$HOME_ARG" $BATCH_SIZES \
    | tee "$WORK/report.md"
