package io.tollgate.credentials;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One immutable snapshot of everything provisioned in the credentials file: the accounts of each
 * kind and their look-ups, built once when the file is loaded. A request reads one snapshot from
 * the {@link CredentialsSource} and works with it throughout, so it never sees half of a reload.
 */
public final class Credentials {

    private static final Credentials EMPTY = new Credentials(List.of(), List.of(), List.of(), List.of(), List.of());

    private final List<Brand> brands;
    private final List<ChannelUser> channelUsers;
    private final List<OAuthClient> clients;
    private final List<User> users;
    private final Map<String, Brand> brandsByApiKey;
    private final Map<String, ChannelUser> channelUsersByName;
    private final Map<String, OAuthClient> clientsById;
    private final Map<String, User> usersByName;
    private final List<String> scopesSupported;
    private final List<ScopeDescription> scopes;
    private final Map<String, ScopeDescription> scopesByName;

    public Credentials(List<Brand> brands, List<ChannelUser> channelUsers, List<OAuthClient> clients, List<User> users,
            List<ScopeDescription> scopes) {
        this.brands = List.copyOf(brands);
        this.channelUsers = List.copyOf(channelUsers);
        this.clients = List.copyOf(clients);
        this.users = List.copyOf(users);
        this.brandsByApiKey = index(this.brands, Brand::apiKey);
        this.channelUsersByName = index(this.channelUsers, ChannelUser::username);
        this.clientsById = index(this.clients, OAuthClient::clientId);
        this.usersByName = index(this.users, User::username);
        this.scopesSupported = this.clients.stream()
                .flatMap(client -> client.scopes().stream()).distinct().sorted().toList();
        this.scopes = List.copyOf(scopes);
        this.scopesByName = index(this.scopes, ScopeDescription::name);
    }

    /** A file that provisions nothing. */
    public static Credentials empty() {
        return EMPTY;
    }

    public List<Brand> brands() {
        return brands;
    }

    public List<ChannelUser> channelUsers() {
        return channelUsers;
    }

    public List<OAuthClient> clients() {
        return clients;
    }

    public List<User> users() {
        return users;
    }

    /** The brand with this API key, or {@code null}. */
    public Brand brandByApiKey(String apiKey) {
        return apiKey == null ? null : brandsByApiKey.get(apiKey);
    }

    /** The channel user with this username, or {@code null}. */
    public ChannelUser channelUser(String username) {
        return username == null ? null : channelUsersByName.get(username);
    }

    /** The client with this id, suspended or not, or {@code null}. */
    public OAuthClient client(String clientId) {
        return clientId == null ? null : clientsById.get(clientId);
    }

    /** The person with this username, or {@code null}. */
    public User user(String username) {
        return username == null ? null : usersByName.get(username);
    }

    /** Every scope any client may ask for, sorted, for the metadata document's {@code scopes_supported}. */
    public List<String> scopesSupported() {
        return scopesSupported;
    }

    /** The scope catalogue, in file order. */
    public List<ScopeDescription> scopes() {
        return scopes;
    }

    /** What the scope catalogue says this scope means, or {@code null} when it does not list it. */
    public ScopeDescription scope(String name) {
        return name == null ? null : scopesByName.get(name);
    }

    /** Every account of one kind, in file order. */
    public List<? extends Account> accounts(AccountKind kind) {
        return switch (kind) {
            case BRAND -> brands;
            case CHANNEL_USER -> channelUsers;
            case CLIENT -> clients;
            case USER -> users;
        };
    }

    private static <T> Map<String, T> index(List<T> accounts, Function<T, String> key) {
        return accounts.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }
}
