package io.tollgate.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code credentials add-channel-user}: a new channel partner account with a generated password. */
@Command(name = "add-channel-user",
        description = "Adds a channel user with a new password (256 bits), printed once; only its {sha256} hash is "
                + "stored.",
        footerHeading = "%nExample:%n",
        footer = "  java -jar tollgate.jar credentials add-channel-user --file config/credentials.yml "
                + "--username partner_42 --scope connectivity")
final class AddChannelUser extends Verb {

    @Mixin
    CredentialsFileOption file;

    @Mixin
    JsonOption output;

    @Option(names = "--username", paramLabel = "USERNAME", required = true, description = "the channel user's username")
    String username;

    @Option(names = "--scope", split = ",", paramLabel = "SCOPE", description = "the scopes of its tokens")
    List<String> scopes = List.of();

    private final CliContext context;

    AddChannelUser(CliContext context) {
        this.context = context;
    }

    @Override
    void run() {
        EditedCredentials credentials = file.open();
        CredentialsDocument document = credentials.readOrEmpty();
        String password = context.secrets().generate(SecretMint.MACHINE_SECRET_BYTES);
        document.add(AccountList.CHANNEL_USER, YamlMapping.create()
                .put("username", YamlMapping.plain(username))
                .put("password", YamlMapping.quoted(SecretMint.sha256(password)))
                .put("status", YamlMapping.plain("active"))
                .put("scopes", YamlMapping.flowList(scopes)));
        credentials.write(document);
        new Outcome(username, List.of("channel-user " + username + " added to " + credentials.path(),
                "its password, shown only now:"), password).print(out(), output.json);
    }
}
