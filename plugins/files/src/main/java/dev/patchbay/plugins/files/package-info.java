/**
 * The first-party {@code files} plugin: sources and sinks for CSV (RFC 4180), JSON Lines and plain
 * text, with charsets, gzip, follow mode, resumable positions and durable appends.
 *
 * <p>Only the six factories are public; everything else is an implementation detail. The plugin
 * depends on the Patchbay api alone: its JSON reader and writer are its own. Null policy: as in the
 * api, no method takes or returns null except where a record value may be null.
 */
package dev.patchbay.plugins.files;
