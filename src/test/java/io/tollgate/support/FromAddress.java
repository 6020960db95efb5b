package io.tollgate.support;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * A client whose connections come from a given loopback address ({@code 127.0.0.0/8} all reaches
 * the loopback interface), so that a test can be several callers at once without any header:
 * the server sees a different peer for each, as it would for clients on different machines.
 * Every request opens a connection of its own, so no pooled connection from another address is
 * reused.
 */
public final class FromAddress {

    private FromAddress() {}

    /** A client from {@code address} to the instance serving on {@code port} of 127.0.0.1. */
    public static WebTestClient client(String address, int port) {
        HttpClient http = HttpClient.newConnection().bindAddress(() -> new InetSocketAddress(address, 0));
        return ContractCheck.traffic(WebTestClient.bindToServer(new ReactorClientHttpConnector(http)))
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }
}
