/**
 * A real single-node KRaft Kafka broker for tests and benchmarks, run as a child JVM from the Maven Central
 * artifacts, with no Docker.
 *
 * <p>{@link dev.patchbay.kafka.broker.KafkaBroker} starts one in a directory of its own;
 * {@link dev.patchbay.kafka.broker.SharedKafkaBroker} gives every test of a module run the same one;
 * {@link dev.patchbay.kafka.broker.KafkaBrokerMain} starts and stops a detached one for scripts.
 *
 * <p>Null policy: no method accepts or returns null.
 */
package dev.patchbay.kafka.broker;
