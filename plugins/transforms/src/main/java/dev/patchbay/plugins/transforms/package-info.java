/**
 * The first-party {@code transforms} plugin: record processors in the spirit of Kafka Connect's single
 * message transforms (filter, rename, keep, drop, set, cast, mask, timestamp).
 *
 * <p>Every factory validates its settings completely in {@code create}, so that a processor never meets
 * a configuration problem at run time; everything a processor needs per record (field names, compiled
 * patterns, parsed constants, digests) is prepared once there. Processors are called from one thread at a
 * time (the api's contract), which is why some of them keep small mutable caches without locking.
 *
 * <h2>Null policy</h2>
 * No method accepts or returns null except where a record field's value is concerned: null is a record
 * value type, and a field holding null is distinct from an absent field.
 */
package dev.patchbay.plugins.transforms;
