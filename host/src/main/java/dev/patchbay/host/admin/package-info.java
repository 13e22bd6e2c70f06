/**
 * The admin HTTP layer: a small, bounded HTTP server over the JDK's {@code com.sun.net.httpserver} with routing,
 * bearer-token authentication, size and time limits and JSON errors, and a client that finds a running host. The
 * concrete routes ({@code /pipelines}, {@code /plugins}, ...) are defined by the host on top of it.
 */
package dev.patchbay.host.admin;
