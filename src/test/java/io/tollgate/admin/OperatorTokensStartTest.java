package io.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.startup.InvalidConfigurationException;
import io.tollgate.support.Standalone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

/**
 * An entry of {@code tollgate.admin.tokens} that is not a {@code {sha256}} hash (the token itself
 * pasted in, say) stops the start with one line that names the entry by its index and never
 * repeats its value.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperatorTokensStartTest {

    @Test
    void anEntryThatIsNoHashStopsTheStartWithOneLine(CapturedOutput output) {
        String pasted = "plain-operator-token-pasted-by-mistake";
        String line = "tollgate.admin.tokens[1] is not a {sha256}<64 lowercase hex digits> hash: list the SHA-256 of"
                + " each operator token, never the token itself";
        assertThatThrownBy(() -> Standalone.startWithTestKeys(Operator.TOKENS_OPTION,
                        "--tollgate.admin.tokens[1]=" + pasted).close())
                .satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                        .isInstanceOf(InvalidConfigurationException.class)
                        .hasMessage(line));
        assertThat(output.getAll())
                .contains(String.format("APPLICATION FAILED TO START%n***************************%n%nDescription:%n%n"
                        + "%s%n%nAction:%n%n", line))
                .doesNotContain(pasted);
    }
}
