package io.tollgate.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code credentials add-brand}: a new brand with a generated API secret. */
@Command(name = "add-brand",
        description = "Adds a brand with a new API secret (256 bits), printed once; only its {sha256} hash is stored.",
        footerHeading = "%nExample:%n",
        footer = "  java -jar tollgate.jar credentials add-brand --file config/credentials.yml --id acme "
                + "--scope content:read,content:write")
final class AddBrand extends Verb {

    @Mixin
    CredentialsFileOption file;

    @Mixin
    JsonOption output;

    @Option(names = "--id", paramLabel = "ID", required = true, description = "the brand's id")
    String id;

    @Option(names = "--api-key", paramLabel = "KEY", description = "its public API key (default: ak_<id>)")
    String apiKey;

    @Option(names = "--scope", split = ",", paramLabel = "SCOPE", description = "the scopes of its tokens")
    List<String> scopes = List.of();

    private final CliContext context;

    AddBrand(CliContext context) {
        this.context = context;
    }

    @Override
    void run() {
        EditedCredentials credentials = file.open();
        CredentialsDocument document = credentials.readOrEmpty();
        String key = apiKey != null ? apiKey : "ak_" + id;
        String secret = context.secrets().generate(SecretMint.MACHINE_SECRET_BYTES);
        document.add(AccountList.BRAND, YamlMapping.create()
                .put("id", YamlMapping.plain(id))
                .put("api-key", YamlMapping.plain(key))
                .put("api-secret", YamlMapping.quoted(SecretMint.sha256(secret)))
                .put("status", YamlMapping.plain("active"))
                .put("scopes", YamlMapping.flowList(scopes)));
        credentials.write(document);
        new Outcome(id, List.of("brand " + id + " added to " + credentials.path() + ", api-key " + key,
                "its api-secret, shown only now:"), secret)
                .with("api-key", key)
                .print(out(), output.json);
    }
}
