package io.tollgate.revocation;

import io.tollgate.audit.AuditLog;
import io.tollgate.issuer.IssuerProperties;
import io.tollgate.store.CutOffStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Revocation by subject, on whichever state engine {@code tollgate.store.type} chose. */
@Configuration(proxyBeanMethods = false)
public class RevocationConfiguration {

    /** Cut-offs are kept for the lifetimes this instance issues with ({@code tollgate.issuer.lifetimes}). */
    @Bean
    SubjectRevocations subjectRevocations(
            CutOffStore cutOffs, IssuerProperties issuer, AuditLog audit, Clock clock) {
        return new SubjectRevocations(cutOffs, CutOffRetention.of(issuer.lifetimes()), audit, clock);
    }
}
