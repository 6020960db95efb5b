package io.tollgate.credentials;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registered OAuth clients, by id. */
public final class ClientRegistry {

    private final Map<String, OAuthClient> clients;

    public ClientRegistry(List<OAuthClient> clients) {
        this.clients = clients.stream()
                .collect(Collectors.toUnmodifiableMap(OAuthClient::clientId, Function.identity()));
    }

    /** The client with this id, or {@code null}. */
    public OAuthClient find(String clientId) {
        return clientId == null ? null : clients.get(clientId);
    }

    /** Every scope any client may ask for, for the metadata document. */
    public List<String> allScopes() {
        return clients.values().stream().flatMap(client -> client.scopes().stream()).distinct().sorted().toList();
    }
}
