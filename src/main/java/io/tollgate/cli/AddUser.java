package io.tollgate.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code credentials add-user}: a person who signs in on the authorization pages. */
@Command(name = "add-user",
        description = "Adds a person of the authorization pages. The password is read from standard input "
                + "(--password-stdin) or generated (128 bits) and printed once; only its {bcrypt} hash is stored.",
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar tollgate.jar credentials add-user --file config/credentials.yml --username alice",
            "  read -rs PW; printf '%%s\\n' \"$PW\" | java -jar tollgate.jar credentials add-user \\",
            "      --file config/credentials.yml --username bob --password-stdin"})
final class AddUser extends Verb {

    @Mixin
    CredentialsFileOption file;

    @Mixin
    JsonOption output;

    @Mixin
    PasswordInput input;

    @Option(names = "--username", paramLabel = "USERNAME", required = true, description = "the person's login name")
    String username;

    private final CliContext context;

    AddUser(CliContext context) {
        this.context = context;
    }

    @Override
    void run() {
        EditedCredentials credentials = file.open();
        CredentialsDocument document = credentials.readOrEmpty();
        PasswordInput.Password password = input.password(context);
        document.add(AccountList.USER, YamlMapping.create()
                .put("username", YamlMapping.plain(username))
                .put("password", YamlMapping.quoted(context.secrets().bcrypt(password.value())))
                .put("status", YamlMapping.plain("active")));
        credentials.write(document);
        String added = "user " + username + " added to " + credentials.path();
        new Outcome(username, password.generated() ? List.of(added, "the password, shown only now:") : List.of(added),
                password.generated() ? password.value() : null).print(out(), output.json);
    }
}
