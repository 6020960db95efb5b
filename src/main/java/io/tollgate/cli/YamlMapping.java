package io.tollgate.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of the node tree, edited in place: a changed value keeps its key's position and
 * comments, a new key goes last. Keys are matched as Spring Boot's relaxed binding matches them
 * ({@code api-secret}, {@code apiSecret} and {@code api_secret} are one key), since the server
 * reads the file that way.
 */
final class YamlMapping {

    private final MappingNode node;

    YamlMapping(MappingNode node) {
        this.node = node;
    }

    /** An empty block mapping. */
    static YamlMapping create() {
        return new YamlMapping(new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK));
    }

    MappingNode node() {
        return node;
    }

    /** The value under {@code key}, or {@code null}. */
    Node get(String key) {
        int index = indexOf(key);
        return index < 0 ? null : node.getValue().get(index).getValueNode();
    }

    /** The text of a scalar under {@code key}, or {@code null} when absent or not a scalar. */
    String text(String key) {
        return get(key) instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    boolean has(String key) {
        return indexOf(key) >= 0;
    }

    /** Sets {@code key}; an existing value is replaced where it stands, with its end-of-line comment. */
    YamlMapping put(String key, Node value) {
        int index = indexOf(key);
        if (index < 0) {
            node.getValue().add(new NodeTuple(plain(key), value));
            return this;
        }
        NodeTuple old = node.getValue().get(index);
        value.setInLineComments(old.getValueNode().getInLineComments());
        node.getValue().set(index, new NodeTuple(old.getKeyNode(), value));
        return this;
    }

    /** Puts {@code value} under {@code newKey} in the place of {@code oldKey}, keeping that key's comments. */
    void replace(String oldKey, String newKey, Node value) {
        int index = indexOf(oldKey);
        NodeTuple old = node.getValue().get(index);
        ScalarNode key = plain(newKey);
        key.setBlockComments(old.getKeyNode().getBlockComments());
        key.setInLineComments(old.getKeyNode().getInLineComments());
        node.getValue().set(index, new NodeTuple(key, value));
    }

    static ScalarNode plain(String text) {
        return new ScalarNode(Tag.STR, text, null, null, DumperOptions.ScalarStyle.PLAIN);
    }

    /** A string in double quotes, as the file's hashes are written. */
    static ScalarNode quoted(String text) {
        return new ScalarNode(Tag.STR, text, null, null, DumperOptions.ScalarStyle.DOUBLE_QUOTED);
    }

    static ScalarNode bool(boolean value) {
        return new ScalarNode(Tag.BOOL, Boolean.toString(value), null, null, DumperOptions.ScalarStyle.PLAIN);
    }

    /** An RFC 3339 instant, written plain ({@code 2027-01-31T00:00:00Z}). */
    static ScalarNode instant(Instant value) {
        return new ScalarNode(Tag.TIMESTAMP, value.toString(), null, null, DumperOptions.ScalarStyle.PLAIN);
    }

    /** A list of plain strings in flow style ({@code [a, b]}), as the file's scopes are written. */
    static SequenceNode flowList(List<String> items) {
        List<Node> nodes = new ArrayList<>(items.size());
        items.forEach(item -> nodes.add(plain(item)));
        return new SequenceNode(Tag.SEQ, nodes, DumperOptions.FlowStyle.FLOW);
    }

    private int indexOf(String key) {
        String wanted = relaxed(key);
        List<NodeTuple> tuples = node.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode scalar && relaxed(scalar.getValue()).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static String relaxed(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
