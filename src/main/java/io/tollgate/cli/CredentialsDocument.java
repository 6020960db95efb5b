package io.tollgate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The credentials file as a YAML node tree ({@code tollgate.credentials.<kind>[]}), comments
 * included, with the edits the CLI makes: find, add and remove an account. Whether the result is
 * a valid credentials file is for the server's loader to say ({@link CredentialsCheck}).
 */
final class CredentialsDocument {

    private final YamlMapping root;

    private CredentialsDocument(YamlMapping root) {
        this.root = root;
    }

    /**
     * A file's text; an empty file is an empty document. Text that is not YAML is refused with its
     * position only, as the server refuses it: a parser's message quotes the text around the fault,
     * which may be a secret typed in clear.
     */
    static CredentialsDocument parse(String text) {
        Node root;
        try {
            root = CommentedYaml.parse(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new Refusal("credentials file: not valid YAML"
                    + (mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1))
                    + ": correct the syntax there");
        } catch (YAMLException e) {
            throw new Refusal("credentials file: not valid YAML: correct its syntax");
        }
        if (root == null) {
            return new CredentialsDocument(YamlMapping.create());
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new Refusal("the credentials file is not a YAML mapping with tollgate.credentials in it");
        }
        return new CredentialsDocument(new YamlMapping(mapping));
    }

    String render() {
        return CommentedYaml.render(root.node());
    }

    /** The account of this kind and name, if the file lists it. */
    Optional<YamlMapping> find(AccountList kind, String name) {
        return accounts(kind).stream()
                .filter(account -> name.equals(account.text(kind.nameKey())))
                .findFirst();
    }

    /** The account of this kind and name, or a refusal naming it. */
    YamlMapping require(AccountList kind, String name) {
        return find(kind, name).orElseThrow(() -> new Refusal(kind.entry(name) + " is not in the file"));
    }

    /** Appends an account to its list, making the list (and {@code tollgate.credentials}) if absent. */
    void add(AccountList kind, YamlMapping account) {
        SequenceNode list = list(kind, true);
        list.setFlowStyle(DumperOptions.FlowStyle.BLOCK);
        list.getValue().add(account.node());
    }

    /** Removes the account of this kind and name; false when the file does not list it. */
    boolean remove(AccountList kind, String name) {
        SequenceNode list = list(kind, false);
        return list != null && list.getValue().removeIf(item -> item instanceof MappingNode mapping
                && name.equals(new YamlMapping(mapping).text(kind.nameKey())));
    }

    private List<YamlMapping> accounts(AccountList kind) {
        SequenceNode list = list(kind, false);
        List<YamlMapping> accounts = new ArrayList<>();
        if (list != null) {
            for (Node item : list.getValue()) {
                if (item instanceof MappingNode mapping) {
                    accounts.add(new YamlMapping(mapping));
                }
            }
        }
        return accounts;
    }

    private SequenceNode list(AccountList kind, boolean create) {
        YamlMapping credentials = child(child(root, "tollgate", create), "credentials", create);
        Node list = credentials == null ? null : credentials.get(kind.list());
        if (list == null && create) {
            list = new SequenceNode(Tag.SEQ, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
            credentials.put(kind.list(), list);
        }
        if (list != null && !(list instanceof SequenceNode)) {
            throw new Refusal("tollgate.credentials." + kind.list() + " is not a list");
        }
        return (SequenceNode) list;
    }

    private static YamlMapping child(YamlMapping parent, String key, boolean create) {
        if (parent == null) {
            return null;
        }
        Node child = parent.get(key);
        if (child == null && create) {
            YamlMapping created = YamlMapping.create();
            parent.put(key, created.node());
            return created;
        }
        if (child != null && !(child instanceof MappingNode)) {
            throw new Refusal(key + " in the credentials file is not a mapping");
        }
        return child == null ? null : new YamlMapping((MappingNode) child);
    }
}
