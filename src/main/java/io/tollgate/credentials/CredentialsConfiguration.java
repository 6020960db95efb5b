package io.tollgate.credentials;

import jakarta.validation.Validator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the provisioned accounts and exposes one authenticator per kind of account. Only the
 * issuer uses them, so a gateway-only pod ({@code tollgate.issuer.enabled=false}) neither loads nor
 * needs the credentials file.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "tollgate.issuer.enabled", matchIfMissing = true)
public class CredentialsConfiguration {

    @Bean
    SecretVerifiers secretVerifiers() {
        return SecretVerifiers.create();
    }

    @Bean
    Credentials credentials(CredentialsProperties properties, Validator validator, SecretVerifiers verifiers) {
        return new CredentialsLoader(validator, verifiers).load(properties.location());
    }

    @Bean
    AccountAuthenticator<Brand> brandAuthenticator(Credentials credentials, SecretVerifiers verifiers) {
        return new AccountAuthenticator<>(credentials.brands(), Brand::apiKey, Brand::apiSecret,
                brand -> brand.status() == BrandStatus.ACTIVE, verifiers.machine());
    }

    @Bean
    AccountAuthenticator<ChannelUser> channelUserAuthenticator(Credentials credentials, SecretVerifiers verifiers) {
        return new AccountAuthenticator<>(credentials.channelUsers(), ChannelUser::username, ChannelUser::password,
                user -> user.status() == ChannelUserStatus.ACTIVE, verifiers.machine());
    }

    /** Confidential clients by id and secret; public clients have no secret to check. */
    @Bean
    AccountAuthenticator<OAuthClient> clientAuthenticator(Credentials credentials, SecretVerifiers verifiers) {
        return new AccountAuthenticator<>(credentials.clients().stream().filter(OAuthClient::isConfidential).toList(),
                OAuthClient::clientId, OAuthClient::clientSecret, client -> true, verifiers.machine());
    }

    /** People signing in on the authorization pages; bcrypt, so callers run it off the event loop. */
    @Bean
    AccountAuthenticator<User> userAuthenticator(Credentials credentials, SecretVerifiers verifiers) {
        return new AccountAuthenticator<>(credentials.users(), User::username, User::password, user -> true,
                verifiers.people());
    }

    @Bean
    ClientRegistry clientRegistry(Credentials credentials) {
        return new ClientRegistry(credentials.clients());
    }
}
