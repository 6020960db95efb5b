package io.tollgate.issuer.oauth;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.audit.AuditLog;
import io.tollgate.audit.Claimant;
import io.tollgate.credentials.AccountAuthenticator;
import io.tollgate.credentials.CredentialsSource;
import io.tollgate.credentials.OAuthClient;
import io.tollgate.credentials.User;
import io.tollgate.gateway.ClientAddress;
import io.tollgate.issuer.IssuerProperties;
import io.tollgate.issuer.IssuerRoutes;
import io.tollgate.issuer.Lockout;
import io.tollgate.issuer.MalformedRequestException;
import io.tollgate.issuer.PerKeyRing;
import io.tollgate.issuer.RequestFailures;
import io.tollgate.issuer.SigningKeys;
import io.tollgate.issuer.TokenMinter;
import io.tollgate.observability.IssuanceRefusal;
import io.tollgate.observability.IssuanceSpans;
import io.tollgate.observability.IssuerMeters;
import io.tollgate.store.AuthorizationCodeStore;
import io.tollgate.store.GrantFamilyStore;
import io.tollgate.store.LoginAttemptStore;
import io.tollgate.store.RevocationStore;
import io.tollgate.store.StateStores;
import io.tollgate.store.StoreAvailability;
import io.tollgate.store.StoreUnavailableException;
import io.tollgate.validation.RevocationCheck;
import io.tollgate.validation.ValidationService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.i18n.LocaleContextResolver;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dialect 3, the OAuth 2.0 authorization server on Geni's {@code /platform/oauth/*} paths, built
 * on the issuer's key ring and minter, the shared credentials and the guard's validation service.
 * Like the rest of the issuer, absent on a gateway-only pod ({@code tollgate.issuer.enabled=false}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "tollgate.issuer.enabled", matchIfMissing = true)
public class OAuthConfiguration {

    @Bean
    AuthorizationCodeStore<CodeGrant> authorizationCodes(StateStores stores) {
        return stores.authorizationCodes(CodeGrant.class);
    }

    @Bean
    GrantFamilyStore<RefreshGrant> grantFamilies(StateStores stores) {
        return stores.grantFamilies(RefreshGrant.class);
    }

    /**
     * The operator's templates, looked up before the built-in ones (whose resolver has {@code
     * spring.thymeleaf.template-resolver-order: 2}); a page without a file there falls back to its
     * built-in template. Resolved once per template and cached, at start ({@link TemplateWarmUp}).
     */
    @Bean
    FileTemplateResolver operatorTemplates(PagesProperties pages) {
        FileTemplateResolver resolver = new FileTemplateResolver();
        resolver.setPrefix(pages.templatesDir().toAbsolutePath() + "/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(1);
        return resolver;
    }

    /**
     * The pages' language ({@link PageLocales}), under the name WebFlux looks the resolver up by,
     * in place of Spring Boot's plain {@code Accept-Language} one.
     */
    @Bean(WebHttpHandlerBuilder.LOCALE_CONTEXT_RESOLVER_BEAN_NAME)
    LocaleContextResolver localeContextResolver() {
        return new PageLocales();
    }

    @Bean
    TemplateWarmUp templateWarmUp(ISpringWebFluxTemplateEngine templates) {
        return new TemplateWarmUp(templates);
    }

    /**
     * The pages' state, kept in the browser: signed with secrets derived from the issuer's keys in
     * force ({@link PageKeys}), so every replica reads what another wrote, and valid for {@code
     * server.reactive.session.timeout}.
     */
    @Bean
    PageSessions pageSessions(
            SigningKeys keys, Clock clock, @Value("${server.reactive.session.timeout:15m}") Duration lifetime) {
        PerKeyRing<PageKeys> pageKeys = new PerKeyRing<>(keys, ring -> PageKeys.of(ring, PageTokens.PURPOSE));
        return new PageSessions(new PageTokens(pageKeys::get, clock, lifetime));
    }

    @Bean
    RouterFunction<ServerResponse> oauthRoutes(
            IssuerProperties properties,
            TokenMinter minter,
            CredentialsSource credentials,
            AccountAuthenticator<OAuthClient> clientSecrets,
            AccountAuthenticator<User> users,
            AuthorizationCodeStore<CodeGrant> codes,
            GrantFamilyStore<RefreshGrant> families,
            RevocationStore revocations,
            LoginAttemptStore attempts,
            ValidationService validation,
            RevocationCheck revocationCheck,
            PageSessions pageSessions,
            PagesProperties pagesProperties,
            StoreAvailability store,
            JsonMapper json,
            MeterRegistry registry,
            IssuanceSpans spans,
            AuditLog audit,
            Clock clock) {
        IssuerProperties.Lifetimes lifetimes = properties.lifetimes();
        IssuerMeters meters = new IssuerMeters(registry, spans, audit, "oauth");
        IssuanceRefusal unreadable = meters.rejection("invalid_request");
        Lockout lockout = new Lockout(attempts, properties.lockout(), meters.lockout());
        OAuthTokens tokens = new OAuthTokens(minter, families, revocations, audit, lifetimes.oauthUser(),
                lifetimes.clientCredentials(), lifetimes.refreshToken(), clock);
        FamilyRevocation familyRevocation = new FamilyRevocation(families, revocations, audit, clock,
                lifetimes.oauthUser());
        UserSignIn signIn = new UserSignIn(users, lockout);
        AuthorizeEndpoint authorize = new AuthorizeEndpoint(new AuthorizeRequestParser(credentials), pageSessions, signIn,
                credentials, codes, tokens, lifetimes.authorizationCode(), meters, clock);
        ClientAuthentication clientAuthentication = new ClientAuthentication(credentials, clientSecrets, lockout);
        OAuthResponses responses = new OAuthResponses(meters, json);
        TokenEndpoint token = new TokenEndpoint(clientAuthentication, List.of(
                        new AuthorizationCodeGrant(codes, tokens, familyRevocation, revocationCheck, clock),
                        new PasswordGrant(signIn, tokens, clock),
                        new RefreshTokenGrant(families, tokens, familyRevocation, revocationCheck),
                        new ClientCredentialsGrant(tokens)),
                meters, responses);
        String issuer = properties.issuerUri().toString();
        IntrospectionEndpoint introspection = new IntrospectionEndpoint(clientAuthentication,
                new AccessTokenIntrospection(validation, issuer),
                new RefreshTokenIntrospection(families, revocationCheck, lifetimes.refreshToken(), clock, issuer),
                responses);
        RouterFunction<ServerResponse> pages = RouterFunctions.route()
                .route(path("/platform/oauth/authorize").and(IssuerRoutes.FORWARDED_BY_GATEWAY), authorize::start)
                .route(path(AuthorizeEndpoint.LOGIN_PATH).and(IssuerRoutes.FORWARDED_BY_GATEWAY), authorize::login)
                .route(path(AuthorizeEndpoint.CONSENT_PATH).and(IssuerRoutes.FORWARDED_BY_GATEWAY), authorize::consent)
                .filter((request, next) -> store.isAvailable() ? next.handle(request) : Pages.unavailable())
                .onError(StoreUnavailableException.class, (error, request) -> Pages.unavailable())
                .onError(MalformedRequestException::isMalformedInput, (error, request) -> {
                    RequestFailures.log("oauth page", error);
                    return Pages.error(HttpStatus.BAD_REQUEST, "page.error.unreadable");
                })
                .build();
        return pages.and(RouterFunctions.route()
                .GET(PageStylesheet.PATH, IssuerRoutes.FORWARDED_BY_GATEWAY,
                        PageStylesheet.read(pagesProperties.staticDir()))
                .route(path("/platform/oauth/request_token").and(IssuerRoutes.FORWARDED_BY_GATEWAY),
                        spans.traced(token, "oauth"))
                .route(path(IntrospectionEndpoint.PATH).and(IssuerRoutes.FORWARDED_BY_GATEWAY), introspection)
                .route(path("/platform/oauth/validate_token").and(IssuerRoutes.FORWARDED_BY_GATEWAY),
                        new ValidateTokenHandler(validation, json, clock))
                .route(path("/platform/oauth/invalidate_token").and(IssuerRoutes.FORWARDED_BY_GATEWAY),
                        new InvalidateTokenHandler(validation, revocations, families, familyRevocation, audit))
                .route(path("/.well-known/oauth-authorization-server").and(IssuerRoutes.FORWARDED_BY_GATEWAY),
                        new MetadataHandler(issuer, credentials, json))
                .onError(StoreUnavailableException.class,
                        (error, request) -> errorResponse(OAuthError.temporarilyUnavailable(), json))
                .onError(MalformedRequestException::isMalformedInput, (error, request) -> {
                    RequestFailures.log("oauth", error);
                    unreadable.record(Claimant.NONE,
                            ClientAddress.of(request.exchange().getRequest()).orElse(ClientAddress.UNKNOWN));
                    return errorResponse(OAuthError.invalidRequest(MalformedRequestException.isTooLarge(error)
                            ? "The request body is too large" : "The request cannot be read"), json);
                })
                .build());
    }

    /**
     * The JSON endpoints' answer to what fails before a handler can word it: 503 {@code
     * temporarily_unavailable} while the state store is unreachable, 400 {@code invalid_request}
     * for a request that cannot be read.
     */
    private static Mono<ServerResponse> errorResponse(OAuthError error, JsonMapper json) {
        return ServerResponse.status(error.status())
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .bodyValue(json.writeValueAsBytes(error.body()));
    }
}
