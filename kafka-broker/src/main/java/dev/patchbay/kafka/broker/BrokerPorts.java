package dev.patchbay.kafka.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The two loopback ports of a broker: the client listener and the KRaft controller listener.
 *
 * @param broker the port clients connect to
 * @param controller the port of the controller listener, recorded in the quorum's voter set at format time
 */
record BrokerPorts(int broker, int controller) {

    static final String HOST = "127.0.0.1";

    BrokerPorts {
        requirePort("broker", broker);
        requirePort("controller", controller);
        if (broker == controller) {
            throw new IllegalArgumentException("broker and controller ports must differ, both are " + broker);
        }
    }

    /** Two ports free on the loopback interface now; both sockets are held until both are chosen. */
    static BrokerPorts pickFree() {
        try (ServerSocket first = loopbackSocket(); ServerSocket second = loopbackSocket()) {
            return new BrokerPorts(first.getLocalPort(), second.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find two free ports on " + HOST + ": " + e.getMessage(), e);
        }
    }

    /** {@code 127.0.0.1:PORT} of the client listener. */
    String bootstrap() {
        return HOST + ":" + broker;
    }

    /** {@code 127.0.0.1:PORT} of the controller listener. */
    String controllerAddress() {
        return HOST + ":" + controller;
    }

    private static ServerSocket loopbackSocket() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getByName(HOST));
    }

    private static void requirePort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " port must be 1 to 65535, got " + port);
        }
    }
}
