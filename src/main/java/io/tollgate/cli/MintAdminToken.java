package io.tollgate.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.json.JsonMapper;

/** {@code admin token}: a new operator token and the hash to configure for it. */
@Command(name = "token",
        description = {"Makes an operator token (256 bits) for POST /actuator/revocations. Put the {sha256} hash it "
                + "prints first into tollgate.admin.tokens; the token itself, on the last line, is shown only now "
                + "and belongs in the operator's secret store.",
            "With --json: {\"hash\":…,\"token\":…}."},
        footerHeading = "%nExample:%n",
        footer = "  java -jar tollgate.jar admin token")
final class MintAdminToken extends Verb {

    @Mixin
    JsonOption output;

    private final CliContext context;

    MintAdminToken(CliContext context) {
        this.context = context;
    }

    @Override
    void run() {
        String token = context.secrets().generate(SecretMint.MACHINE_SECRET_BYTES);
        String hash = SecretMint.sha256(token);
        if (output.json) {
            Map<String, String> object = new LinkedHashMap<>();
            object.put("hash", hash);
            object.put("token", token);
            out().println(JsonMapper.builder().build().writeValueAsString(object));
            return;
        }
        out().println("add this hash to tollgate.admin.tokens:");
        out().println(hash);
        out().println("the operator token, shown only now (Authorization: Bearer <token>):");
        out().println(token);
    }
}
