/**
 * The first-party {@code kafka} plugin: {@code kafka/source}, a consumer-group source whose offsets reach
 * Kafka only once the host has committed them, and {@code kafka/sink}, an idempotent producer with
 * {@code acks=all}.
 *
 * <p>Only the two factories are public; everything else is an implementation detail. Null policy: as in the
 * api, no method takes or returns null except where a record value may be null.
 */
package dev.patchbay.plugins.kafka;
