package io.tollgate.cli;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/**
 * YAML read into SnakeYAML's node tree and written back with its comments, so that an operator's
 * notes in a file kept in Git survive an edit. SnakeYAML keeps comments (and blank lines) on the
 * nodes when both {@link LoaderOptions#setProcessComments} and {@link
 * DumperOptions#setProcessComments} are set, and keeps each collection's flow or block style and
 * each scalar's quoting. Two things do not come back byte for byte:
 *
 * <ul>
 *   <li>A plain value with a {@code :} inside a flow list ({@code [content:read]}) comes back
 *       single-quoted ({@code ['content:read']}): the same value; SnakeYAML's emitter, written for
 *       YAML 1.1, never writes such a value plain.
 *   <li>SnakeYAML writes the comment above a list item after the item's dash ({@code - # note}); it
 *       is moved back above the dash here ({@link #liftItemComments}), so it stays where it was.
 * </ul>
 */
final class CommentedYaml {

    /**
     * A dash followed by a comment, or by nothing (a blank line's place), where the item's own first
     * line should be.
     */
    private static final Pattern DASH_COMMENT = Pattern.compile("^( *)- ?(#.*)?$");

    private CommentedYaml() {}

    /** The document's root node, or {@code null} for a file without one. */
    static Node parse(String text) {
        return yaml().compose(new StringReader(text));
    }

    static String render(Node root) {
        StringWriter out = new StringWriter();
        yaml().serialize(root, out);
        return liftItemComments(out.toString());
    }

    private static Yaml yaml() {
        LoaderOptions loading = new LoaderOptions();
        loading.setProcessComments(true);
        DumperOptions dumping = new DumperOptions();
        dumping.setProcessComments(true);
        dumping.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumping.setIndent(2);
        dumping.setIndicatorIndent(2);
        dumping.setIndentWithIndicator(true);
        dumping.setWidth(Integer.MAX_VALUE);
        dumping.setSplitLines(false);
        return new Yaml(new SafeConstructor(loading), new Representer(dumping), dumping, loading);
    }

    /**
     * {@code - # note} (or a bare {@code -}, where a blank line stood) followed by more comment and
     * blank lines and then the item's first key, indented under the dash, becomes those lines above
     * {@code - key}.
     */
    static String liftItemComments(String text) {
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            Matcher dash = DASH_COMMENT.matcher(lines[i]);
            int first = i + 1;
            String itemIndent = dash.matches() ? dash.group(1) + "  " : null;
            while (itemIndent != null && first < lines.length
                    && (lines[first].isBlank() || lines[first].startsWith(itemIndent + "#"))) {
                first++;
            }
            if (itemIndent == null || first == lines.length || !lines[first].startsWith(itemIndent)) {
                out.add(lines[i]);
                continue;
            }
            String indent = dash.group(1);
            out.add(dash.group(2) == null ? "" : indent + dash.group(2));
            for (int comment = i + 1; comment < first; comment++) {
                out.add(lines[comment].isBlank() ? lines[comment] : indent + lines[comment].substring(itemIndent.length()));
            }
            out.add(indent + "- " + lines[first].substring(itemIndent.length()));
            i = first;
        }
        return String.join("\n", out);
    }
}
