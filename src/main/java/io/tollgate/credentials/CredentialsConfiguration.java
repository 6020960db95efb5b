package io.tollgate.credentials;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.audit.AuditLog;
import io.tollgate.reload.ReloadProperties;
import io.tollgate.reload.ReloadingFile;
import jakarta.validation.Validator;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the provisioned accounts, reloads them when the file changes, and exposes the source of
 * snapshots and one authenticator per kind of account. Only the issuer uses them, so a
 * gateway-only pod ({@code tollgate.issuer.enabled=false}) neither loads nor needs the credentials
 * file.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "tollgate.issuer.enabled", matchIfMissing = true)
public class CredentialsConfiguration {

    @Bean
    SecretVerifiers secretVerifiers() {
        return SecretVerifiers.create();
    }

    /** The file, read and checked at once (a problem stops the start), then watched and polled. */
    @Bean
    ReloadingFile<Credentials> credentialsFile(CredentialsProperties properties, Validator validator,
            SecretVerifiers verifiers, ReloadProperties reload, MeterRegistry registry) {
        CredentialsLoader loader = new CredentialsLoader(validator, verifiers);
        return new ReloadingFile<>("credentials", properties.location(), loader::load, reload, registry);
    }

    @Bean
    CredentialsSource credentialsSource(ReloadingFile<Credentials> credentialsFile, AuditLog audit) {
        return new FileCredentialsSource(credentialsFile, audit);
    }

    @Bean
    ExpiringSecretUses expiringSecretUses(CredentialsProperties properties, AuditLog audit, MeterRegistry registry,
            Clock clock) {
        return new ExpiringSecretUses(properties.expiryWarning(), audit, registry, clock);
    }

    @Bean
    AccountAuthenticator<Brand> brandAuthenticator(CredentialsSource source, SecretVerifiers verifiers,
            ExpiringSecretUses expiring, Clock clock) {
        return new AccountAuthenticator<>(source, Credentials::brandByApiKey, verifiers.machine(), expiring, clock);
    }

    @Bean
    AccountAuthenticator<ChannelUser> channelUserAuthenticator(CredentialsSource source, SecretVerifiers verifiers,
            ExpiringSecretUses expiring, Clock clock) {
        return new AccountAuthenticator<>(source, Credentials::channelUser, verifiers.machine(), expiring, clock);
    }

    /**
     * Confidential clients by id and secret; a public client has no secret to check, so it is
     * unknown here, and presenting one spends a decoy comparison and is refused.
     */
    @Bean
    AccountAuthenticator<OAuthClient> clientAuthenticator(CredentialsSource source, SecretVerifiers verifiers,
            ExpiringSecretUses expiring, Clock clock) {
        return new AccountAuthenticator<>(source, (credentials, id) -> {
            OAuthClient client = credentials.client(id);
            return client != null && client.isConfidential() ? client : null;
        }, verifiers.machine(), expiring, clock);
    }

    /** People signing in on the authorization pages; bcrypt, so callers run it off the event loop. */
    @Bean
    AccountAuthenticator<User> userAuthenticator(CredentialsSource source, SecretVerifiers verifiers,
            ExpiringSecretUses expiring, Clock clock) {
        return new AccountAuthenticator<>(source, Credentials::user, verifiers.people(), expiring, clock);
    }
}
