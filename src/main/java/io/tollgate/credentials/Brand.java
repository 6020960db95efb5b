package io.tollgate.credentials;

import java.util.List;

/**
 * A provisioned brand: its public API key, its API secrets, its state and the scopes its tokens
 * carry.
 */
public record Brand(String id, String apiKey, List<StoredSecret> apiSecrets, AccountStatus status, List<String> scopes)
        implements Account {

    public Brand {
        apiSecrets = List.copyOf(apiSecrets);
        scopes = List.copyOf(scopes);
    }

    @Override
    public AccountKind kind() {
        return AccountKind.BRAND;
    }

    @Override
    public List<StoredSecret> secrets() {
        return apiSecrets;
    }

    @Override
    public boolean isActive() {
        return status == AccountStatus.ACTIVE;
    }
}
