#!/bin/sh
# The swap pause (issue 11): patchbay serve runs text-source (follow) -> transforms/keep -> text-sink on an input
# kept far ahead of the output, and transforms is reloaded SWAPS times through POST /plugins/transforms/reload.
# Reports the median, p90 and max "no work" gap per swap (defined in the report) and the load average.
#   SWAPS=20 QUEUE=100 BATCH=100 bench/scripts/swap-pause.sh
# Needs dist/ (mvn -q -DskipTests package) and bench/target/benchmarks.jar. The input and output grow at the
# pipeline's rate (some hundred MB); they are deleted at the end unless KEEP=1.
set -eu
. "$(dirname "$0")/common.sh"
WORK=${BENCH_WORK:-$ROOT/bench/target/swap-pause}
DIST=${PATCHBAY_DIST:-$ROOT/dist}
mkdir -p "$WORK"
cp "$JAR" "$WORK/benchmarks.jar"
JAR=$WORK/benchmarks.jar
machine
"$JAVA" -cp "$JAR" dev.patchbay.bench.swap.SwapPause "$DIST" "$WORK" "${SWAPS:-20}" "${QUEUE:-100}" \
    "${BATCH:-100}" | tee "$WORK/report.md"
if [ "${KEEP:-0}" != 1 ]; then
    rm -f "$WORK/in.txt" "$WORK/out.txt"
fi
