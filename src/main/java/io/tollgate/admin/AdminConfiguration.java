package io.tollgate.admin;

import io.tollgate.credentials.CredentialsSource;
import io.tollgate.revocation.SubjectRevocations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The revocation trigger of the credentials file ({@link CredentialsCutOffs}), on the pods that
 * read one: issuer pods and single instances, not a split deployment's gateway-only pods, which
 * learn the cut-offs through the state store. The write endpoint lives in the management context
 * ({@link AdminEndpointConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    /**
     * Listens to reloads from the start (before the file watch starts), and cuts off the accounts
     * the file holds as not active once the application is ready.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> credentialsCutOffs(
            ObjectProvider<CredentialsSource> sources, SubjectRevocations revocations) {
        CredentialsSource source = sources.getIfAvailable();
        if (source == null) {
            return ready -> { };
        }
        return new CredentialsCutOffs(source, revocations, CredentialsCutOffs.RETRY);
    }
}
