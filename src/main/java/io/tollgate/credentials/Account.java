package io.tollgate.credentials;

import java.util.List;

/** What every provisioned account has: a kind, an identifier, stored secrets and a state. */
public sealed interface Account permits Brand, ChannelUser, OAuthClient, User {

    AccountKind kind();

    /** The brand's id, the channel user's or person's username, the client's id. */
    String id();

    /** Its secrets or passwords; any unexpired one authenticates. Empty for a public client. */
    List<StoredSecret> secrets();

    /** Whether its state lets it obtain tokens. */
    boolean isActive();
}
