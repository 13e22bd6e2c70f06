package dev.patchbay.host.config;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code tracing} section: where the host sends its OpenTelemetry spans. Tracing is off unless an endpoint is
 * configured.
 *
 * <pre>{@code
 * "tracing": { "otlpEndpoint": "http://collector:4318", "serviceName": "patchbay" }
 * }</pre>
 *
 * @param otlpEndpoint {@code tracing.otlpEndpoint}, the base URL of an OTLP/HTTP receiver (an http or https URL
 *        with a host and no query or fragment); empty means tracing is off
 * @param serviceName {@code tracing.serviceName}, the resource attribute {@code service.name}; default
 *        {@value #DEFAULT_SERVICE_NAME}
 */
public record TracingSettings(Optional<URI> otlpEndpoint, String serviceName) {

    public static final String DEFAULT_SERVICE_NAME = "patchbay";
    /** What OTLP/HTTP appends to its base URL for spans, as for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    public static final String TRACES_PATH = "v1/traces";

    /** No endpoint: tracing is off. The default. */
    public static final TracingSettings OFF = new TracingSettings(Optional.empty(), DEFAULT_SERVICE_NAME);

    public TracingSettings {
        Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
        Objects.requireNonNull(serviceName, "serviceName");
        otlpEndpoint.ifPresent(TracingSettings::requireHttp);
        if (serviceName.isBlank()) {
            throw new IllegalArgumentException("tracing.serviceName must not be blank, got \"" + serviceName + "\"");
        }
    }

    private static void requireHttp(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null
                || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException("tracing.otlpEndpoint \"" + endpoint + "\" must be an http or https "
                    + "URL with a host and no query or fragment, such as http://localhost:4318");
        }
    }

    /** Whether spans are exported at all. */
    public boolean enabled() {
        return otlpEndpoint.isPresent();
    }

    /** The URL spans are posted to: the endpoint with {@value #TRACES_PATH} appended to its path. */
    public Optional<URI> tracesUri() {
        return otlpEndpoint.map(endpoint -> {
            String text = endpoint.toString();
            return URI.create(text.endsWith("/") ? text + TRACES_PATH : text + "/" + TRACES_PATH);
        });
    }
}
