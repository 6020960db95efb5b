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
    SecretVerifier secretVerifier() {
        return new SecretVerifier();
    }

    @Bean
    AccountAuthenticator<Brand> brandAuthenticator(Credentials credentials, SecretVerifier secrets) {
        return new AccountAuthenticator<>(credentials.brands(), Brand::apiKey, Brand::apiSecret,
                brand -> brand.status() == BrandStatus.ACTIVE, secrets);
    }

    @Bean
    AccountAuthenticator<ChannelUser> channelUserAuthenticator(Credentials credentials, SecretVerifier secrets) {
        return new AccountAuthenticator<>(credentials.channelUsers(), ChannelUser::username, ChannelUser::password,
                user -> user.status() == ChannelUserStatus.ACTIVE, secrets);
    }
}
