package io.tollgate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * An upstream that accepts each connection, reads the start of the request and closes the
 * connection without a byte of response: a service that crashed mid-request. One per JVM, on a
 * random loopback port, served by a daemon thread.
 */
public final class ClosingUpstream {

    private static final ServerSocket SERVER = open();

    private ClosingUpstream() {}

    public static int port() {
        return SERVER.getLocalPort();
    }

    private static ServerSocket open() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> serve(server), "closing-upstream");
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                InputStream in = connection.getInputStream();
                in.read(new byte[8192]);
            } catch (IOException e) {
                // The next connection is served all the same; a test sees only closed connections.
            }
        }
    }
}
