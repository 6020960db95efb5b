package io.tollgate.issuer;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.audit.AuditLog;
import io.tollgate.credentials.AccountAuthenticator;
import io.tollgate.credentials.Brand;
import io.tollgate.credentials.ChannelUser;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.observability.IssuanceSpans;
import io.tollgate.observability.IssuerMeters;
import io.tollgate.reload.ReloadProperties;
import io.tollgate.reload.ReloadingFile;
import io.tollgate.store.LoginAttemptStore;
import io.tollgate.store.StateStores;
import io.tollgate.token.TrustedIssuer;
import io.tollgate.validation.JwksProperties;
import io.tollgate.validation.RefetchAllowance;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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

    private static final Logger log = LoggerFactory.getLogger(IssuerConfiguration.class);

    /**
     * The key file of {@code tollgate.issuer.keys.location}, read again when it changes: a version
     * {@link KeyRingFile} refuses is logged and counted ({@code file="keys"}) and the ring before
     * it keeps signing.
     */
    @Bean
    @ConditionalOnProperty("tollgate.issuer.keys.location")
    ReloadingFile<KeyRing> keysFile(
            IssuerProperties properties, SignatureCrypto crypto, ReloadProperties reload, MeterRegistry registry) {
        String issuer = properties.issuerUri().toString();
        String activeKid = properties.keys().activeKid();
        return new ReloadingFile<>("keys", properties.keys().location(),
                file -> KeyRingFile.read(file, issuer, activeKid, crypto), reload, registry);
    }

    /** The keys of the file, audited as they change; without a file, a key generated at start. */
    @Bean
    SigningKeys signingKeys(
            ObjectProvider<ReloadingFile<KeyRing>> file, IssuerProperties properties, SignatureCrypto crypto,
            AuditLog audit) {
        ReloadingFile<KeyRing> keysFile = file.getIfAvailable();
        if (keysFile == null) {
            log.warn("No tollgate.issuer.keys.location: signing with a key generated at start; "
                    + "tokens will not survive a restart");
            return SigningKeys.fixed(KeyRingFile.generated(properties.issuerUri().toString(), crypto));
        }
        SigningKeys keys = new FileSigningKeys(keysFile);
        keys.onChange(new KeyChangeAudit(audit));
        return keys;
    }

    /** What the validator trusts of this issuer: the keys of the ring in force. */
    @Bean
    TrustedIssuer localKeySet(SigningKeys keys, JwksProperties jwks, Clock clock) {
        return new LocalKeySet(keys, new RefetchAllowance(jwks.refetchMinInterval(), clock));
    }

    @Bean
    TokenMinter tokenMinter(SigningKeys keys, IssuerProperties properties, Clock clock) {
        return new TokenMinter(keys, properties.audiences(), clock);
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
            IssuanceSpans spans,
            AuditLog audit) {
        IssuerMeters meters = new IssuerMeters(registry, spans, audit, "brand");
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
            IssuanceSpans spans,
            AuditLog audit) {
        IssuerMeters meters = new IssuerMeters(registry, spans, audit, "channel");
        return new ChannelTokenHandler(users, new Lockout(attempts, properties.lockout(), meters.lockout()), minter,
                properties.lifetimes().channel(), meters);
    }

    @Bean
    JwksHandler jwksHandler(SigningKeys keys, JsonMapper json) {
        return new JwksHandler(keys, json);
    }

    @Bean
    RouterFunction<ServerResponse> issuerRoutes(
            BrandTokenHandler brand, ChannelTokenHandler channel, JwksHandler jwks, IssuanceSpans spans) {
        return IssuerRoutes.of(spans.traced(brand, "brand"), spans.traced(channel, "channel"), jwks);
    }
}
