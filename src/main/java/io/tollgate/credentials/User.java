package io.tollgate.credentials;

import jakarta.validation.constraints.NotBlank;

/**
 * A person who signs in on the authorization pages.
 *
 * @param username the login name
 * @param password the {@code {bcrypt}} hash of the password
 */
public record User(@NotBlank String username, @NotBlank String password) {}
