package dev.patchbay.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the {@code tracing} section (see {@link TracingSettings}), reporting errors to the walk. */
final class TracingReader {

    static final List<String> KEYS = List.of("otlpEndpoint", "serviceName");
    private static final String EXAMPLE = "http://localhost:4318";

    private final ConfigWalk walk;

    TracingReader(ConfigWalk walk) {
        this.walk = walk;
    }

    /** The settings; {@link TracingSettings#OFF} when the section has an error, so nothing half-valid is used. */
    TracingSettings read(ObjectNode tracing, String at) {
        int before = walk.errorCount();
        walk.knownKeys(tracing, at, KEYS);
        Optional<URI> endpoint = endpoint(tracing.get("otlpEndpoint"), JsonPaths.field(at, "otlpEndpoint"));
        String serviceName = serviceName(tracing.get("serviceName"), JsonPaths.field(at, "serviceName"));
        if (walk.errorCount() != before) {
            return TracingSettings.OFF;
        }
        return new TracingSettings(endpoint, serviceName);
    }

    private Optional<URI> endpoint(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String fix = "write the base URL of an OTLP/HTTP receiver, such as \"" + EXAMPLE + "\" (the host appends /"
                + TracingSettings.TRACES_PATH + "), or remove the key to turn tracing off";
        if (!node.isTextual()) {
            walk.error(where, "\"otlpEndpoint\" is " + ConfigWalk.describe(node) + " but must be an http or https URL",
                    fix);
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(node.textValue());
        } catch (URISyntaxException e) {
            walk.error(where, "\"otlpEndpoint\" is " + ConfigWalk.describe(node) + " which is not a URL: "
                    + e.getMessage(), fix);
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            walk.error(where, "\"otlpEndpoint\" is " + ConfigWalk.describe(node) + " but must be an http or https URL "
                    + "(OTLP over HTTP with protobuf; gRPC is not supported)", fix);
        } else if (uri.getHost() == null) {
            walk.error(where, "\"otlpEndpoint\" is " + ConfigWalk.describe(node) + " but names no host", fix);
        } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            walk.error(where, "\"otlpEndpoint\" is " + ConfigWalk.describe(node)
                    + " but must have no query or fragment", fix);
        } else {
            return Optional.of(uri);
        }
        return Optional.empty();
    }

    private String serviceName(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return TracingSettings.DEFAULT_SERVICE_NAME;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            walk.error(where, "\"serviceName\" is " + ConfigWalk.describe(node) + " but must be a non-empty string",
                    "write the name the spans carry as service.name, such as \"" + TracingSettings.DEFAULT_SERVICE_NAME
                            + "\", or remove the key for that default");
        }
        return node.isTextual() && !node.textValue().isBlank() ? node.textValue()
                : TracingSettings.DEFAULT_SERVICE_NAME;
    }
}
