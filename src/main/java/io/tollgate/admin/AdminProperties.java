package io.tollgate.admin;

import io.tollgate.credentials.SecretVerifier;
import io.tollgate.startup.InvalidConfigurationException;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.admin.*}.
 *
 * @param tokens the operator tokens that may call the management port's write endpoints, each
 *     stored as {@code {sha256}<lowercase hex>} of the token's UTF-8 bytes, never the token
 *     itself. An entry in any other form fails the start with one line naming its index (not its
 *     value). Empty (the default): the write endpoints answer 404, as if they did not exist
 */
@ConfigurationProperties("tollgate.admin")
public record AdminProperties(@DefaultValue List<String> tokens) {

    private static final SecretVerifier SHA256 = SecretVerifier.sha256();

    public AdminProperties {
        tokens = List.copyOf(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            if (!SHA256.accepts(tokens.get(i))) {
                throw new InvalidConfigurationException("tollgate.admin.tokens[" + i + "] is not a"
                        + " {sha256}<64 lowercase hex digits> hash: list the SHA-256 of each operator token,"
                        + " never the token itself", "tollgate.admin.tokens");
            }
        }
    }
}
