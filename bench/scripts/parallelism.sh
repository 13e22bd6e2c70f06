#!/bin/sh
# Quick check of a pipeline's "parallelism": the hand loop, then Patchbay with each parallelism in
# PARALLELISMS (default "1 2"), whole process, interleaved, on the throughput benchmark's pipeline and a
# generated CSV. Round 0 is untimed and compares each output with the hand loop's byte for byte.
#   RUNS=4 ROWS=1000000 PARALLELISMS="1 2" bench/scripts/parallelism.sh
# Needs dist/ (mvn -q -DskipTests -DskipPitest -Djapicmp.skip=true package). Prints one line per run, in ms.
set -eu
. "$(dirname "$0")/common.sh"
WORK=${BENCH_WORK:-$ROOT/bench/target/parallelism}
RUNS=${RUNS:-4}
ROWS=${ROWS:-1000000}
PARALLELISMS=${PARALLELISMS:-1 2}
DIST=${PATCHBAY_DIST:-$ROOT/dist}
mkdir -p "$WORK"
cp "$JAR" "$WORK/benchmarks.jar"
INPUT=$WORK/input-$ROWS.csv
[ -f "$INPUT" ] || "$JAVA" -cp "$WORK/benchmarks.jar" dev.patchbay.bench.throughput.CsvGenerator "$INPUT" "$ROWS"
for p in $PARALLELISMS; do
    cat > "$WORK/p$p.json" <<JSON
{
  "plugins": {"directory": "$DIST/plugins", "enabled": [], "disabled": []},
  "state": {"directory": "$WORK/state-p$p"},
  "logging": {"format": "text", "level": "INFO"},
  "pipelines": {
    "bench": {
      "source": {"use": "files/csv-source", "settings": {"path": "$INPUT", "header": true}},
      "processors": [
        {"use": "transforms/filter", "settings": {"where": {"field": "age", "op": ">=", "value": 18}}},
        {"use": "transforms/rename", "settings": {"fields": {"name": "full_name"}}},
        {"use": "transforms/mask", "settings": {"fields": ["email"], "mode": "hash"}}
      ],
      "sink": {"use": "files/jsonl-sink", "settings": {"path": "$WORK/out-p$p.jsonl", "mode": "overwrite"}},
      "parallelism": $p
    }
  }
}
JSON
done
machine
ms() { echo $(( $(date +%s%N) / 1000000 )); }
for round in $(seq 0 "$RUNS"); do
    t=$(ms)
    "$JAVA" -cp "$WORK/benchmarks.jar" dev.patchbay.bench.throughput.HandLoop "$INPUT" "$WORK/hand.jsonl" >/dev/null
    echo "round $round hand-loop $(( $(ms) - t ))"
    for p in $PARALLELISMS; do
        rm -rf "$WORK/state-p$p" "$WORK/out-p$p.jsonl"
        t=$(ms)
        PATCHBAY_HOME=$DIST PATCHBAY_CONFIG=$WORK/p$p.json "$DIST/bin/patchbay" run >/dev/null 2>"$WORK/run-p$p.log"
        echo "round $round parallelism-$p $(( $(ms) - t ))"
        if [ "$round" = 0 ]; then
            cmp "$WORK/hand.jsonl" "$WORK/out-p$p.jsonl"
            echo "parallelism $p: output equals the hand loop's byte for byte"
        fi
    done
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
done
