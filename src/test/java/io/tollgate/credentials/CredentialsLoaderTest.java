package io.tollgate.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

/** The credentials file: what it accepts, what stops the start. */
class CredentialsLoaderTest {

    private static final String HASH = "{sha256}a3a9e1ed9732cab28868127be00f1ce921acaefdd5c3b23a6e9e0072bd9c1a34";

    private final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();
    private final SecretVerifiers verifiers = SecretVerifiers.create();
    private final CredentialsLoader loader = new CredentialsLoader(validation.getValidator(), verifiers);

    @AfterEach
    void close() {
        validation.close();
    }

    @Test
    void theDemoFileLoads() {
        Credentials credentials = loader.load(new FileSystemResource("config/credentials.yml"));
        assertThat(credentials.brands()).extracting(Brand::id).containsExactly("acme", "dormant");
        assertThat(credentials.brands().get(1).status()).isEqualTo(BrandStatus.SUSPENDED);
        assertThat(credentials.channelUsers()).extracting(ChannelUser::status)
                .containsExactly(ChannelUserStatus.ACTIVE, ChannelUserStatus.EXPIRED);
        assertThat(credentials.clients()).extracting(OAuthClient::clientId)
                .containsExactly("demo-web", "demo-spa", "demo-trusted");
        assertThat(credentials.clients().get(1).isConfidential()).isFalse();
        assertThat(credentials.clients().get(2).allows(GrantType.PASSWORD)).isTrue();
        assertThat(credentials.clients().get(0).allows(GrantType.PASSWORD)).isFalse();
        assertThat(credentials.users()).extracting(User::username).containsExactly("alice");
    }

    @Test
    void aUserPasswordMustBeBcrypt() {
        assertThatThrownBy(() -> loader.load(yaml("""
                tollgate.credentials.users:
                  - username: bob
                    password: "%s"
                """.formatted(HASH)))).hasMessageContaining("bcrypt");
    }

    @Test
    void aClearTextSecretStopsTheStart() {
        assertThatThrownBy(() -> loader.load(yaml("""
                tollgate.credentials.brands:
                  - id: acme
                    api-key: k
                    api-secret: plain-text-secret
                """))).hasMessageContaining("{sha256}");
    }

    @Test
    void aDuplicateKeyStopsTheStart() {
        assertThatThrownBy(() -> loader.load(yaml("""
                tollgate.credentials.channel-users:
                  - username: u
                    password: "%s"
                  - username: u
                    password: "%s"
                """.formatted(HASH, HASH)))).hasMessageContaining("Duplicate");
    }

    @Test
    void aMissingFieldStopsTheStart() {
        assertThatThrownBy(() -> loader.load(yaml("""
                tollgate.credentials.brands:
                  - id: acme
                    api-secret: "%s"
                """.formatted(HASH)))).hasStackTraceContaining("apiKey");
    }

    @Test
    void aMissingFileStopsTheStart() {
        assertThatThrownBy(() -> loader.load(new FileSystemResource("no/such/file.yml")))
                .hasMessageContaining("not found");
    }

    @Test
    void secretsAreComparedByTheirHash() {
        Credentials credentials = loader.load(new FileSystemResource("config/credentials.yml"));
        AccountAuthenticator<ChannelUser> users = new AccountAuthenticator<>(credentials.channelUsers(),
                ChannelUser::username, ChannelUser::password, user -> user.status() == ChannelUserStatus.ACTIVE,
                verifiers.machine());
        assertThat(users.authenticate("channel_user", "550e8400-e29b-41d4-a716-446655440000").outcome())
                .isEqualTo(Authentication.Outcome.AUTHENTICATED);
        assertThat(users.authenticate("channel_user", HASH).outcome()).isEqualTo(Authentication.Outcome.REJECTED);
        assertThat(users.authenticate("channel_expired", "6ba7b810-9dad-11d1-80b4-00c04fd430c8").outcome())
                .isEqualTo(Authentication.Outcome.DISABLED);
    }

    private static ByteArrayResource yaml(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "test credentials") {
            @Override
            public String getFilename() {
                return "credentials.yml";
            }
        };
    }
}
