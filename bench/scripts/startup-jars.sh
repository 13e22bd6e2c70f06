#!/bin/sh
# Start everything at one N, two builds side by side: the patchbay contender from a base benchmarks.jar and from
# this tree's, and raw pf4j, interleaved base new pf4j, after one untimed round. Each JVM gets a fresh
# java.io.tmpdir, deleted after it (a base build's contender does not close the platform, so its staged copies
# would stay). Prints one line per run and the medians with min and max.
#   BASE_JAR=/tmp/base-benchmarks.jar DIR=/tmp/gen/plugins-2000 RUNS=5 bench/scripts/startup-jars.sh
set -eu
. "$(dirname "$0")/common.sh"
RUNS=${RUNS:-5}
: "${BASE_JAR:?set BASE_JAR to the benchmarks.jar of the base build}"
: "${DIR:?set DIR to a folder written by PluginJarGenerator, such as WORK/plugins-2000}"
N=$(find "$DIR" -maxdepth 1 -name '*.jar' | wc -l)
EXPECTED=$((N + N / 2))
SCRATCH=$(mktemp -d)
NEW_JAR=$SCRATCH/new-benchmarks.jar
cp "$JAR" "$NEW_JAR"
machine
run() { # label jar contender
    mkdir -p "$SCRATCH/tmp"
    /usr/bin/time -f "%e %M" -o "$SCRATCH/time" "$JAVA" -Xmx1g -Djava.io.tmpdir="$SCRATCH/tmp" -cp "$2" \
        dev.patchbay.bench.startup.StartupContender "$3" "$DIR" "$EXPECTED" > "$SCRATCH/out" 2> "$SCRATCH/err" \
        || { cat "$SCRATCH/err" >&2; exit 1; }
    rm -rf "$SCRATCH/tmp"
    sed -n 's/^RESULT .*millis=\([0-9.]*\) cpuMillis=\([0-9.]*\).*/\1 \2/p' "$SCRATCH/out" | {
        read -r millis cpu; read -r wall rss < "$SCRATCH/time"
        echo "$1 $millis $cpu $wall $((rss / 1024))"; }
}
: > "$SCRATCH/results"
round=0
while [ "$round" -le "$RUNS" ]; do
    for contender in base new pf4j; do
        case $contender in
            base) line=$(run base "$BASE_JAR" patchbay) ;;
            new) line=$(run new "$NEW_JAR" patchbay) ;;
            pf4j) line=$(run pf4j "$NEW_JAR" pf4j) ;;
        esac
        echo "round $round: $line (label in-JVM-ms CPU-ms process-wall-s peak-RSS-MB)"
        [ "$round" -gt 0 ] && echo "$line" >> "$SCRATCH/results"
    done
    round=$((round + 1))
done
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| contender | median ms | min | max | vs pf4j | CPU ms | CPU vs pf4j | peak RSS MB (median) | RSS vs pf4j |"
echo "|---|---|---|---|---|---|---|---|---|"
awk '
function median(list, n,   sorted, i, j, t) {
    for (i = 1; i <= n; i++) sorted[i] = list[i]
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (sorted[j] < sorted[i]) { t = sorted[i]; sorted[i] = sorted[j]; sorted[j] = t }
    return n % 2 ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
}
{ n[$1]++; ms[$1, n[$1]] = $2; cpu[$1, n[$1]] = $3; rss[$1, n[$1]] = $5 }
END {
    split("base new pf4j", order, " ")
    for (k = 1; k <= 3; k++) { c = order[k]
        for (i = 1; i <= n[c]; i++) { a[i] = ms[c, i]; b[i] = cpu[c, i]; r[i] = rss[c, i] }
        med[c] = median(a, n[c]); medcpu[c] = median(b, n[c]); medrss[c] = median(r, n[c])
        lo[c] = a[1]; hi[c] = a[1]; for (i = 1; i <= n[c]; i++) { if (a[i] < lo[c]) lo[c] = a[i]; if (a[i] > hi[c]) hi[c] = a[i] } }
    for (k = 1; k <= 3; k++) { c = order[k]
        printf "| %s | %.0f | %.0f | %.0f | %.2fx | %.0f | %.2fx | %.0f | %.2fx |\n", c, med[c], lo[c], hi[c],
            med[c] / med["pf4j"], medcpu[c], medcpu[c] / medcpu["pf4j"], medrss[c], medrss[c] / medrss["pf4j"] }
}' "$SCRATCH/results"
rm -rf "$SCRATCH"
