#!/bin/sh
# A real single-node KRaft Kafka broker for benchmarks and manual tests, detached from this script.
#   bench/scripts/kafka-broker.sh start DIR   # prints bootstrap=127.0.0.1:PORT as its last line
#   bench/scripts/kafka-broker.sh stop DIR
# DIR keeps the broker's data, cluster id, ports (the same after a stop and start), broker.log and broker.pid.
# The first use builds kafka-broker/ with Maven, which fetches the broker's jars (kafka_2.13, kafka-server 4.4.0,
# Scala) into the local repository; later uses run offline. See kafka-broker/README.md.
set -eu
usage() {
    echo "usage: $0 start|stop DIR" >&2
    exit 2
}
[ $# -eq 2 ] || usage
case $1 in
    start|stop) ;;
    *) usage ;;
esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
CLASSES=$ROOT/kafka-broker/target/classes
CLASSPATH_FILE=$CLASSES/dev/patchbay/kafka/broker/broker-classpath.txt
if [ ! -f "$CLASSPATH_FILE" ] || [ ! -f "$CLASSES/dev/patchbay/kafka/broker/KafkaBrokerMain.class" ]; then
    echo "kafka-broker/ is not built; building it (mvn -q -pl kafka-broker -am compile)" >&2
    (cd "$ROOT" && mvn -q -B -Dstyle.color=never -pl kafka-broker -am compile) >&2
fi
exec "$JAVA" -Xmx128m -cp "$CLASSES:$(cat "$CLASSPATH_FILE")" dev.patchbay.kafka.broker.KafkaBrokerMain "$1" "$2"
