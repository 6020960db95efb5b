package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What an edit keeps of a file an operator wrote: the demo credentials file read and written back
 * unchanged is the same text, but for the one documented loss (a plain value with a colon inside a
 * flow list comes back single-quoted, the same value).
 */
class CommentedYamlTest {

    @Test
    void theDemoFileComesBackWithEveryCommentWhereItWas() throws Exception {
        String original = Files.readString(Path.of("config/credentials.yml"));

        String written = CommentedYaml.render(CommentedYaml.parse(original));

        assertThat(written).isEqualTo(original
                .replace("[content:read, content:write]", "['content:read', 'content:write']")
                .replace("[content:read]", "['content:read']")
                .replace("[http://localhost:3000/callback]", "['http://localhost:3000/callback']"));
    }

    @Test
    void blankLinesAndCommentsAboveListItemsStayAboveTheirDash() {
        String original = """
                # head
                tollgate:
                  credentials:
                    brands:
                      # first brand
                      # (two lines)
                      - id: a
                        api-key: ak_a

                      # second brand, after a blank line
                      - id: b
                        api-key: ak_b # inline
                    users: []
                """;

        assertThat(CommentedYaml.render(CommentedYaml.parse(original))).isEqualTo(original);
    }

    @Test
    void aDashCommentInsideAValueIsLeftAlone() {
        String text = """
                notes: |
                  - # not a comment: part of the text
                  more
                """;

        assertThat(CommentedYaml.liftItemComments(text)).isEqualTo(text);
    }
}
