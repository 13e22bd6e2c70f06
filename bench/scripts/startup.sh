#!/bin/sh
# Plugin start-up at scale: Patchbay's PluginPlatform, raw pf4j 3.15 and plain ServiceLoader on the same
# generated plugin jars, each run in a JVM of its own, interleaved A B C A B C.
#   RUNS=5 SIZES="100 500 2000" bench/scripts/startup.sh
set -eu
. "$(dirname "$0")/common.sh"
WORK=${BENCH_WORK:-$ROOT/bench/target/startup}
RUNS=${RUNS:-5}
SIZES=${SIZES:-"100 500 2000"}
mkdir -p "$WORK"
# Run from a copy, so that rebuilding the module during a long run cannot change the code under test.
cp "$JAR" "$WORK/benchmarks.jar"
JAR=$WORK/benchmarks.jar
machine
# shellcheck disable=SC2086 # SIZES is a list of numbers
"$JAVA" -cp "$JAR" dev.patchbay.bench.startup.PluginJarGenerator "$WORK" $SIZES
# shellcheck disable=SC2086
"$JAVA" -cp "$JAR" dev.patchbay.bench.driver.StartupComparison "$WORK" "$RUNS" $SIZES | tee "$WORK/report.md"
