/**
 * Prometheus metrics of the host: {@link dev.patchbay.host.metrics.HostMetrics} renders the host's read model, the
 * call-latency histogram and the JVM's figures in the Prometheus text format, for {@code GET /metrics}. Figures
 * are read from the read model at scrape time, so counting costs the pipelines nothing; only the histogram is
 * written on the hot path, once per call into plugin code (a poll, a processor chunk, a write, a flush).
 */
package dev.patchbay.host.metrics;
