package io.tollgate.credentials;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import jakarta.validation.Validator;

/** Loads the provisioned accounts and exposes one authenticator per kind of account. */
@Configuration(proxyBeanMethods = false)
public class CredentialsConfiguration {

    @Bean
    Credentials credentials(CredentialsProperties properties, Validator validator) {
        return new CredentialsLoader(validator).load(properties.location());
    }

    @Bean
    AccountAuthenticator<Brand> brandAuthenticator(Credentials credentials) {
        return new AccountAuthenticator<>(credentials.brands(), Brand::apiKey, Brand::apiSecret,
                brand -> brand.status() == BrandStatus.ACTIVE, SecretVerifier.sha256());
    }

    @Bean
    AccountAuthenticator<ChannelUser> channelUserAuthenticator(Credentials credentials) {
        return new AccountAuthenticator<>(credentials.channelUsers(), ChannelUser::username, ChannelUser::password,
                user -> user.status() == ChannelUserStatus.ACTIVE, SecretVerifier.sha256());
    }

    /** Confidential clients by id and secret; public clients have no secret to check. */
    @Bean
    AccountAuthenticator<OAuthClient> clientAuthenticator(Credentials credentials) {
        return new AccountAuthenticator<>(credentials.clients().stream().filter(OAuthClient::isConfidential).toList(),
                OAuthClient::clientId, OAuthClient::clientSecret, client -> true, SecretVerifier.sha256());
    }

    /** People signing in on the authorization pages; bcrypt, so callers run it off the event loop. */
    @Bean
    AccountAuthenticator<User> userAuthenticator(Credentials credentials) {
        return new AccountAuthenticator<>(credentials.users(), User::username, User::password, user -> true,
                SecretVerifier.bcrypt());
    }

    @Bean
    ClientRegistry clientRegistry(Credentials credentials) {
        return new ClientRegistry(credentials.clients());
    }
}
