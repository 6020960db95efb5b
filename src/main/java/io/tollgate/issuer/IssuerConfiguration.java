package io.tollgate.issuer;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.audit.AuditLog;
import io.tollgate.credentials.AccountAuthenticator;
import io.tollgate.credentials.Brand;
import io.tollgate.credentials.ChannelUser;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.observability.IssuerMeters;
import io.tollgate.store.LoginAttemptStore;
import io.tollgate.store.StateStores;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the issuer module: key ring, minter, dialect handlers and their routes. Absent on a
 * gateway-only pod ({@code tollgate.issuer.enabled=false}), which holds no signing keys.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "tollgate.issuer.enabled", matchIfMissing = true)
public class IssuerConfiguration {

    @Bean
    KeyRing keyRing(IssuerProperties properties, SignatureCrypto crypto) {
        return KeyRingLoader.load(properties, crypto);
    }

    @Bean
    TokenMinter tokenMinter(KeyRing keyRing, IssuerProperties properties, Clock clock) {
        return new TokenMinter(keyRing, properties.audiences(), clock);
    }

    /** Failed credential checks, under keys that say whose ({@code address:}, {@code user:}…); see {@link Lockout}. */
    @Bean
    LoginAttemptStore loginAttempts(StateStores stores, IssuerProperties properties) {
        IssuerProperties.Lockout lockout = properties.lockout();
        return stores.loginAttempts(lockout.window(), lockout.duration());
    }

    @Bean
    BrandTokenHandler brandTokenHandler(
            AccountAuthenticator<Brand> brands,
            LoginAttemptStore attempts,
            TokenMinter minter,
            IssuerProperties properties,
            JsonMapper json,
            @Value("${spring.http.codecs.max-in-memory-size:16KB}") DataSize maxBody,
            MeterRegistry registry,
            AuditLog audit) {
        IssuerMeters meters = new IssuerMeters(registry, audit, "brand");
        return new BrandTokenHandler(brands, new Lockout(attempts, properties.lockout(), meters.lockout()), minter,
                properties.lifetimes().brand(), json, Math.toIntExact(maxBody.toBytes()), meters);
    }

    @Bean
    ChannelTokenHandler channelTokenHandler(
            AccountAuthenticator<ChannelUser> users,
            LoginAttemptStore attempts,
            TokenMinter minter,
            IssuerProperties properties,
            MeterRegistry registry,
            AuditLog audit) {
        IssuerMeters meters = new IssuerMeters(registry, audit, "channel");
        return new ChannelTokenHandler(users, new Lockout(attempts, properties.lockout(), meters.lockout()), minter,
                properties.lifetimes().channel(), meters);
    }

    @Bean
    JwksHandler jwksHandler(KeyRing keyRing, JsonMapper json) {
        return new JwksHandler(keyRing, json);
    }

    @Bean
    RouterFunction<ServerResponse> issuerRoutes(
            BrandTokenHandler brand, ChannelTokenHandler channel, JwksHandler jwks) {
        return IssuerRoutes.of(brand, channel, jwks);
    }
}
