package dev.patchbay.host.admin;

import com.sun.net.httpserver.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit. A declared {@code Content-Length} over it is refused before a byte is read; a
 * chunked body is counted while it is read and refused at the first byte past the limit, so no more than the limit
 * and one byte is ever held.
 */
final class BodyReader {

    private final int limit;

    BodyReader(int limit) {
        this.limit = limit;
    }

    /** @throws AdminException 413 past the limit, 400 for a Content-Length that is not a number */
    void checkDeclared(Headers headers, String what) {
        String declared = headers.getFirst("Content-Length");
        if (declared == null) {
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            throw new AdminException(400, "the Content-Length of " + what + " is '" + declared
                    + "', which is not a number of bytes", e);
        }
        if (length > limit) {
            throw tooLarge(what, Long.toString(length));
        }
    }

    /** @throws AdminException 413 when the body goes past the limit */
    byte[] read(InputStream body, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int total = 0;
        while (true) {
            int wanted = Math.min(buffer.length, limit + 1 - total);
            int read = body.read(buffer, 0, wanted);
            if (read < 0) {
                return out.toByteArray();
            }
            total += read;
            if (total > limit) {
                throw tooLarge(what, "more than " + limit);
            }
            out.write(buffer, 0, read);
        }
    }

    private AdminException tooLarge(String what, String size) {
        return new AdminException(413, "the body of " + what + " is " + size + " bytes; the admin API accepts at most "
                + limit + " bytes (64 KiB); send a smaller body");
    }
}
