package io.tollgate.credentials;

import java.util.List;

/** A provisioned channel partner account: username, passwords, state and the scopes of its tokens. */
public record ChannelUser(String username, List<StoredSecret> passwords, ChannelUserStatus status, List<String> scopes)
        implements Account {

    public ChannelUser {
        passwords = List.copyOf(passwords);
        scopes = List.copyOf(scopes);
    }

    @Override
    public AccountKind kind() {
        return AccountKind.CHANNEL_USER;
    }

    @Override
    public String id() {
        return username;
    }

    @Override
    public List<StoredSecret> secrets() {
        return passwords;
    }

    @Override
    public boolean isActive() {
        return status == ChannelUserStatus.ACTIVE;
    }
}
