/**
 * The long-lived host: one object ({@link dev.patchbay.host.service.Host}) owning the configuration, the plugin
 * platform, the checkpoints, the pipeline runtime and the stop control, with a read model
 * ({@link dev.patchbay.host.service.HostView}) and commands. {@code patchbay run}, {@code patchbay serve}, the admin
 * API and the metrics are adapters over it.
 *
 * <p>Dependencies: this package uses the config, plugin and pipeline packages; none of them uses it.
 */
package dev.patchbay.host.service;
