package io.tollgate.admin;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True only in the management server's own application context (the child context Spring Boot
 * starts when {@code management.server.port} differs from {@code server.port}). The application's
 * component scan finds {@link AdminEndpointConfiguration} too, since it lives under the
 * application's package; this keeps its routes out of the traffic port's context.
 */
final class ManagementServerContext implements Condition {

    static final String NAMESPACE = "management";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return context.getResourceLoader() instanceof ApplicationContext application
                && WebServerApplicationContext.hasServerNamespace(application, NAMESPACE);
    }
}
