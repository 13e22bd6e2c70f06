package dev.patchbay.host.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A running host's answer.
 *
 * @param status the HTTP status
 * @param body the body as JSON (a text node when the body was not JSON, a missing node when it was empty)
 */
public record AdminReply(int status, JsonNode body) {

    public AdminReply {
        Objects.requireNonNull(body, "body");
    }

    /** Whether the status is 2xx. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
