package io.tollgate.cli;

import io.tollgate.credentials.ClientType;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code credentials add-client}: a new OAuth client, confidential with a generated secret or public. */
@Command(name = "add-client",
        description = {"Adds an OAuth client. A confidential one gets a new client secret (256 bits), printed once; "
                + "only its {sha256} hash is stored. A public one has no secret and must use PKCE.",
            "The server's rules apply: password needs --trusted, client_credentials and password need a "
                + "confidential client, authorization_code and implicit need a redirect URI."},
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar tollgate.jar credentials add-client --file config/credentials.yml --client-id partner-web \\",
            "      --grant-type authorization_code,refresh_token --redirect-uri https://app.example.com/callback \\",
            "      --scope profile",
            "  java -jar tollgate.jar credentials add-client --file config/credentials.yml --client-id partner-spa \\",
            "      --type public --grant-type authorization_code --redirect-uri https://spa.example.com/cb"})
final class AddClient extends Verb {

    @Mixin
    CredentialsFileOption file;

    @Mixin
    JsonOption output;

    @Option(names = "--client-id", paramLabel = "CLIENT_ID", required = true, description = "the client's client_id")
    String clientId;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "confidential",
            description = "confidential (default, gets a secret) or public (no secret, PKCE)")
    ClientType type;

    @Option(names = "--grant-type", required = true, split = ",", paramLabel = "GRANT",
            description = "authorization_code, implicit, refresh_token, client_credentials, password")
    List<String> grantTypes;

    @Option(names = "--redirect-uri", split = ",", paramLabel = "URI", description = "its redirect URIs, exact")
    List<String> redirectUris = List.of();

    @Option(names = "--scope", split = ",", paramLabel = "SCOPE", description = "the scopes it may ask for")
    List<String> scopes = List.of();

    @Option(names = "--trusted", description = "a first-party application allowed the password grant")
    boolean trusted;

    private final CliContext context;

    AddClient(CliContext context) {
        this.context = context;
    }

    @Override
    void run() {
        EditedCredentials credentials = file.open();
        CredentialsDocument document = credentials.readOrEmpty();
        YamlMapping client = YamlMapping.create().put("client-id", YamlMapping.plain(clientId));
        String secret = type == ClientType.CONFIDENTIAL
                ? context.secrets().generate(SecretMint.MACHINE_SECRET_BYTES) : null;
        if (secret != null) {
            client.put("client-secret", YamlMapping.quoted(SecretMint.sha256(secret)));
        }
        client.put("type", YamlMapping.plain(type.name().toLowerCase(Locale.ROOT)))
                .put("redirect-uris", YamlMapping.flowList(redirectUris))
                .put("grant-types", YamlMapping.flowList(grantTypes))
                .put("trusted", YamlMapping.bool(trusted))
                .put("status", YamlMapping.plain("active"))
                .put("scopes", YamlMapping.flowList(scopes));
        document.add(AccountList.CLIENT, client);
        credentials.write(document);
        String added = "client " + clientId + " (" + type.name().toLowerCase(Locale.ROOT) + ") added to "
                + credentials.path();
        List<String> lines = secret == null ? List.of(added) : List.of(added, "its client-secret, shown only now:");
        new Outcome(clientId, lines, secret).print(out(), output.json);
    }
}
