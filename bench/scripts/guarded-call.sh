#!/bin/sh
# The cost of calling a processor through the host: JMH, average time per call and allocation per call.
#   bench/scripts/guarded-call.sh            (full run: 2 forks, 5 x 1 s warm-up, 5 x 1 s measurement)
#   bench/scripts/guarded-call.sh -f 1 -i 3  (any further JMH options are passed on)
set -eu
. "$(dirname "$0")/common.sh"
WORK=${BENCH_WORK:-$ROOT/bench/target/jmh}
mkdir -p "$WORK"
# Run from a copy, so that rebuilding the module during a long run cannot change the code under test.
cp "$JAR" "$WORK/benchmarks.jar"
JAR=$WORK/benchmarks.jar
machine
"$JAVA" -jar "$JAR" 'dev.patchbay.bench.guard.*' -prof gc -rf json -rff "$WORK/guarded-call.json" "$@" \
    | tee "$WORK/guarded-call.txt"
