/**
 * The pipeline runtime: validation of the operator's pipelines against the loaded plugins, the threads
 * and bounded queues that move records from a source through processors to a sink, checkpoints that
 * make delivery at-least-once, graceful stop, containment of plugin failures, metrics and the
 * {@code run} command.
 *
 * <p>Null policy: no method of this package accepts or returns {@code null} unless its documentation
 * says so; absent values are {@link java.util.Optional#empty()}.
 */
package dev.patchbay.host.pipeline;
