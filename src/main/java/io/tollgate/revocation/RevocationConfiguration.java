package io.tollgate.revocation;

import io.tollgate.audit.AuditLog;
import io.tollgate.issuer.IssuerProperties;
import io.tollgate.store.CutOffStore;
import io.tollgate.token.ExternalTokenLifetimes;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Revocation by subject, on whichever state engine {@code tollgate.store.type} chose. */
@Configuration(proxyBeanMethods = false)
public class RevocationConfiguration {

    /**
     * Cut-offs are kept for the lifetimes this instance issues with ({@code
     * tollgate.issuer.lifetimes}), and those of an external issuer for its {@code max-lifetime}.
     */
    @Bean
    SubjectRevocations subjectRevocations(
            CutOffStore cutOffs, IssuerProperties issuer, ExternalTokenLifetimes external, AuditLog audit, Clock clock) {
        return new SubjectRevocations(cutOffs, CutOffRetention.of(issuer.lifetimes(), external), audit, clock);
    }
}
