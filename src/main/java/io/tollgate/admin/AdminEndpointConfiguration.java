package io.tollgate.admin;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import io.tollgate.audit.AuditLog;
import io.tollgate.revocation.SubjectRevocations;
import io.tollgate.validation.TrustedIssuers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write endpoints, in the management server's child context only (registered in {@code
 * META-INF/spring/…ManagementContextConfiguration.imports}), so they are served on {@code
 * management.server.port} and never on the traffic port; under {@code
 * management.endpoints.web.base-path}. With {@code management.server.port} equal to {@code
 * server.port} there is no child context and so no write endpoint. With no {@code
 * tollgate.admin.tokens} the routes match nothing, so the path answers as any unknown path does
 * (404). The filters of the application context (the path firewall among them) judge these
 * requests as every other on the port. The body limit is the codecs' ({@code
 * spring.http.codecs.max-in-memory-size}), as on the issuer's endpoints; the child context has no
 * conversion service of its own, so the value is read as text.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@Conditional(ManagementServerContext.class)
public class AdminEndpointConfiguration {

    @Bean
    RouterFunction<ServerResponse> adminRoutes(
            AdminProperties properties,
            WebEndpointProperties endpoints,
            SubjectRevocations revocations,
            TrustedIssuers issuers,
            AuditLog audit,
            JsonMapper json,
            @Value("${spring.http.codecs.max-in-memory-size:16KB}") String maxBody) {
        OperatorTokens tokens = new OperatorTokens(properties);
        if (!tokens.configured()) {
            return request -> Mono.empty();
        }
        String basePath = endpoints.getBasePath().endsWith("/")
                ? endpoints.getBasePath().substring(0, endpoints.getBasePath().length() - 1)
                : endpoints.getBasePath();
        RevocationEndpoint revocation =
                new RevocationEndpoint(tokens, revocations, issuers.ids(), audit, json, Math.toIntExact(DataSize.parse(maxBody).toBytes()));
        return RouterFunctions.route(path(basePath + "/revocations"), revocation);
    }
}
