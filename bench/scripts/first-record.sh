#!/bin/sh
# Time to first record: dist/bin/patchbay run with one small pipeline on the distribution's plugins
# (files/csv-source -> transforms/filter -> files/jsonl-sink, 100 rows), with N other generated plugins installed;
# from process start to the first complete line at the sink, and to exit. The N are interleaved round by round.
#   RUNS=5 SIZES="0 100 500 2000" bench/scripts/first-record.sh
#   CACHE=cold empties the state folder (the linkage cache included) before every run; default warm.
# The generated plugins are cached under bench/target/startup (shared with startup.sh); 2000 take about 2 minutes
# to generate the first time. Needs dist/ (mvn -q -DskipTests package).
set -eu
. "$(dirname "$0")/common.sh"
WORK=${BENCH_WORK:-$ROOT/bench/target/startup}
RUNS=${RUNS:-5}
SIZES=${SIZES:-"0 100 500 2000"}
DIST=${PATCHBAY_DIST:-$ROOT/dist}
mkdir -p "$WORK"
cp "$JAR" "$WORK/first-record-benchmarks.jar"
JAR=$WORK/first-record-benchmarks.jar
machine
GENERATE=$(echo "$SIZES" | tr ' ' '\n' | grep -v '^0$' | tr '\n' ' ')
if [ -n "$GENERATE" ]; then
    # shellcheck disable=SC2086 # a list of numbers
    "$JAVA" -cp "$JAR" dev.patchbay.bench.startup.PluginJarGenerator "$WORK" $GENERATE
fi
# shellcheck disable=SC2086
"$JAVA" -cp "$JAR" dev.patchbay.bench.driver.FirstRecordComparison "$WORK" "$DIST" "$RUNS" $SIZES \
    | tee "$WORK/first-record-${CACHE:-warm}.md"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
