package io.tollgate.bench.resourceserver;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Case E of the load benchmark: what a user would pick instead of Tollgate's guard. The same
 * Spring Cloud Gateway route, protected by Spring Security's OAuth 2.0 resource server the way its
 * reference documentation sets it up: every exchange must be authenticated by a bearer JWT,
 * decoded by {@link NimbusReactiveJwtDecoder} against Tollgate's JWKS.
 *
 * <p>The only departure from Spring Boot's auto-configured decoder is the validator: Tollgate
 * issues RFC 9068 access tokens ({@code typ: at+jwt}), which Spring Security 7's default {@code
 * JwtTypeValidator.jwt()} refuses, so the decoder uses Spring Security's own RFC 9068 validator
 * ({@link JwtValidators#createAtJwtValidator()}): {@code typ} {@code at+jwt}, {@code exp}/{@code
 * nbf} (60 s skew), {@code iss}, {@code aud} and {@code client_id} equal to the configured values,
 * {@code sub}, {@code iat} and {@code jti} present.
 */
@SpringBootApplication
public class ResourceServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ResourceServerApplication.class, args);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        return http
                .authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                .build();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
            @Value("${bench.audience}") String audience,
            @Value("${bench.client-id}") String clientId) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
                .issuer(issuer)
                .audience(audience)
                .clientId(clientId)
                .build());
        return decoder;
    }
}
