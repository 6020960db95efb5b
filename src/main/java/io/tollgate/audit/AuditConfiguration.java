package io.tollgate.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail, for every part that changes or refuses something an operator must be able to trace. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditLog auditLog() {
        return new AuditLog();
    }
}
