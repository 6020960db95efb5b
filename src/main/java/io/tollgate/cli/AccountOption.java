package io.tollgate.cli;

import picocli.CommandLine.Option;

/** Which account a verb acts on: exactly one of {@code --brand}, {@code --channel-user}, {@code --client}, {@code --user}. */
final class AccountOption {

    @Option(names = "--brand", paramLabel = "ID", required = true, description = "a brand, by its id")
    String brand;

    @Option(names = "--channel-user", paramLabel = "USERNAME", required = true,
            description = "a channel user, by its username")
    String channelUser;

    @Option(names = "--client", paramLabel = "CLIENT_ID", required = true,
            description = "an OAuth client, by its client-id")
    String client;

    @Option(names = "--user", paramLabel = "USERNAME", required = true,
            description = "a person of the authorization pages, by username")
    String user;

    AccountList kind() {
        if (brand != null) {
            return AccountList.BRAND;
        }
        if (channelUser != null) {
            return AccountList.CHANNEL_USER;
        }
        return client != null ? AccountList.CLIENT : AccountList.USER;
    }

    String name() {
        return switch (kind()) {
            case BRAND -> brand;
            case CHANNEL_USER -> channelUser;
            case CLIENT -> client;
            case USER -> user;
        };
    }
}
