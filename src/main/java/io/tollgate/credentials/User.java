package io.tollgate.credentials;

import java.util.List;

/**
 * A person who signs in on the authorization pages.
 *
 * @param username the login name
 * @param passwords the {@code {bcrypt}} hashes of the passwords
 * @param status a suspended person cannot sign in
 */
public record User(String username, List<StoredSecret> passwords, AccountStatus status) implements Account {

    public User {
        passwords = List.copyOf(passwords);
    }

    @Override
    public AccountKind kind() {
        return AccountKind.USER;
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
        return status == AccountStatus.ACTIVE;
    }
}
