package io.tollgate.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A new secret for an account, with the ones it has kept until a cut-off: the short form ({@code
 * api-secret: "{sha256}…"}) becomes the list form with the new hash first and the old one given
 * {@code not-after}; in the list form the new hash goes first, and every earlier one without a
 * {@code not-after}, or with a later one, gets the cut-off. Earlier cut-offs stay as they are.
 */
final class SecretRotation {

    static final String HASH = "hash";
    static final String NOT_AFTER = "not-after";

    private final AccountList kind;
    private final String name;

    SecretRotation(AccountList kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    void rotate(YamlMapping account, String newHash, Instant notAfter) {
        if (account.has(kind.secrets())) {
            rotateList(account, newHash, notAfter);
        } else if (account.get(kind.secret()) instanceof ScalarNode old) {
            List<Node> items = new ArrayList<>();
            items.add(item(newHash));
            items.add(YamlMapping.create().put(HASH, old).put(NOT_AFTER, YamlMapping.instant(notAfter)).node());
            account.replace(kind.secret(), kind.secrets(), new SequenceNode(Tag.SEQ, items, DumperOptions.FlowStyle.BLOCK));
        } else if (kind == AccountList.CLIENT) {
            throw new Refusal(kind.entry(name) + " is a public client: it has no secret to rotate");
        } else {
            throw new Refusal(kind.entry(name) + " has neither " + kind.secret() + " nor " + kind.secrets());
        }
    }

    private void rotateList(YamlMapping account, String newHash, Instant notAfter) {
        if (!(account.get(kind.secrets()) instanceof SequenceNode list)) {
            throw new Refusal(kind.entry(name) + ": " + kind.secrets() + " is not a list");
        }
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            YamlMapping secret = items.get(i) instanceof MappingNode mapping
                    ? new YamlMapping(mapping)
                    : YamlMapping.create().put(HASH, items.get(i));
            Instant current = notAfter(secret, i);
            if (current == null || current.isAfter(notAfter)) {
                secret.put(NOT_AFTER, YamlMapping.instant(notAfter));
            }
            items.set(i, secret.node());
        }
        items.add(0, item(newHash));
        list.setFlowStyle(DumperOptions.FlowStyle.BLOCK);
    }

    private Instant notAfter(YamlMapping secret, int index) {
        String text = secret.text(NOT_AFTER);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refusal(kind.entry(name) + ": " + kind.secrets() + "[" + index + "]." + NOT_AFTER
                    + " is not an RFC 3339 instant such as 2027-01-31T00:00:00Z");
        }
    }

    private static MappingNode item(String hash) {
        return YamlMapping.create().put(HASH, YamlMapping.quoted(hash)).node();
    }
}
