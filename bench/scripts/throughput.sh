#!/bin/sh
# Pipeline throughput on a generated 1,000,000-row CSV: dist/bin/patchbay run, Miller and the hand-written
# Java loop, whole process, interleaved A B C A B C; outputs compared record for record first.
#   RUNS=5 ROWS=1000000 bench/scripts/throughput.sh
#   PATCHBAY_VARIANTS="commitIntervalMillis=0 batchSize=10000 parallelism=1 parallelism=2" adds one Patchbay
#     contender per word, each overriding those pipeline settings (key=value, several joined by commas, such as
#     batchSize=10000,commitIntervalMillis=0) and named after them; every output is still compared record for
#     record with the hand loop's. Default: none, only Patchbay with the default settings.
#   PATCHBAY_BATCH_SIZES="10000" is kept: each number adds the variant batchSize=<number>.
#   MILLER=0 leaves Miller out (for a 10M-row scaling run: it takes about 15 s per million rows).
#   ROWS=10000000 generates (once, kept in the work folder) and runs a 10M-row input; everything streams.
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
VARIANTS=${PATCHBAY_VARIANTS:-}
for size in ${PATCHBAY_BATCH_SIZES:-}; do
    VARIANTS="$VARIANTS batchSize=$size"
done
machine
echo "rows: $ROWS"
echo "patchbay variants: ${VARIANTS:-none}"
[ "${MILLER:-1}" = 0 ] || echo "miller: $(mlr --version)"
# shellcheck disable=SC2086 # VARIANTS is a list of words without spaces
"$JAVA" -Dbench.miller="$( [ "${MILLER:-1}" = 0 ] && echo false || echo true )" -cp "$JAR" \
    dev.patchbay.bench.driver.ThroughputComparison "$INPUT" "$WORK" "$RUNS" "$HOME_ARG" $VARIANTS \
    | tee "$WORK/report.md"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
