package dev.patchbay.host.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A raw socket to the admin server, for what a well-behaved client cannot send. */
final class RawHttp implements AutoCloseable {

    private final Socket socket = new Socket();

    RawHttp(int port, Duration readDeadline) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) readDeadline.toMillis());
        socket.setSoTimeout((int) readDeadline.toMillis());
    }

    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Everything the server sends until it closes the connection, read within the deadline.
     *
     * @throws SocketTimeoutException when the server neither answers nor closes within the deadline
     */
    String readUntilClosed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
            }
        } catch (java.net.SocketException e) {
            // A reset after the server cut the connection: what was read stands.
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** The status line and headers of one answer, then its body by Content-Length, within the deadline. */
    String readAnswer() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
