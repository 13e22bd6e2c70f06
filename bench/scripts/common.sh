# Shared set-up for the benchmark scripts; sourced, not run.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/bench/target/benchmarks.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [ ! -f "$JAR" ]; then
    echo "bench/target/benchmarks.jar is missing; build it with: mvn -q -pl bench -am package -DskipTests" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    echo "GNU time is missing; installing Debian's time package" >&2
    apt-get update && apt-get install -y time
fi
machine() {
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "cores: $(nproc)"
    echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
    echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$JAVA" -version 2>&1 | head -2 | sed 's/^/jdk: /'
}
