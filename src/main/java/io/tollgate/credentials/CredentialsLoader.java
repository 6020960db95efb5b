package io.tollgate.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Reads the credentials file (YAML, {@code tollgate.credentials.*}) with Spring Boot's own binder,
 * so it accepts the same relaxed names and validation as the rest of the configuration, and
 * refuses to start on a file that cannot work as written: an unknown key or value, a secret that is
 * not hashed, an account provisioned twice, or a client that contradicts itself ({@link
 * ClientRules}). Each refusal is one line naming the entry and the fix.
 */
public final class CredentialsLoader {

    static final String PREFIX = "tollgate.credentials";

    private final SpringValidatorAdapter validator;
    private final SecretVerifiers verifiers;

    public CredentialsLoader(jakarta.validation.Validator validator, SecretVerifiers verifiers) {
        this.validator = new SpringValidatorAdapter(validator);
        this.verifiers = verifiers;
    }

    public Credentials load(Resource location) {
        if (!location.exists()) {
            throw new IllegalStateException("Credentials file not found: " + location.getDescription());
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(readYaml(location)));
        BindHandler handler = new ValidationBindHandler(new NoUnboundElementsBindHandler(BindHandler.DEFAULT), validator);
        Credentials credentials;
        try {
            credentials = binder.bind(PREFIX, Bindable.of(Credentials.class), handler)
                    .orElseGet(() -> new Credentials(List.of(), List.of(), List.of(), List.of()));
        } catch (BindException e) {
            throw new CredentialsBindFailure(binder).describe(e);
        }
        requireUnique(credentials.brands(), Brand::id, "brand", "id");
        requireUnique(credentials.brands(), Brand::apiKey, "brand api-key", "api-key");
        requireUnique(credentials.channelUsers(), ChannelUser::username, "channel-user", "username");
        requireUnique(credentials.clients(), OAuthClient::clientId, "client", "client-id");
        requireUnique(credentials.users(), User::username, "user", "username");
        SecretVerifier machine = verifiers.machine();
        requireHashed(credentials.brands(), CredentialsProblem::brand, Brand::apiSecret, machine, "api-secret");
        requireHashed(credentials.channelUsers(), CredentialsProblem::channelUser, ChannelUser::password, machine,
                "password");
        requireHashed(credentials.clients().stream().filter(OAuthClient::isConfidential).toList(),
                CredentialsProblem::client, OAuthClient::clientSecret, machine, "client-secret");
        requireHashed(credentials.users(), CredentialsProblem::user, User::password, verifiers.people(), "password");
        AccountRules.check(credentials);
        return credentials;
    }

    private static List<PropertySource<?>> readYaml(Resource location) {
        try {
            return new YamlPropertySourceLoader().load("credentials", location);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read credentials file " + location.getDescription(), e);
        }
    }

    private static <T> void requireHashed(List<T> accounts, Function<T, String> entry, Function<T, String> secret,
            SecretVerifier verifier, String field) {
        for (T account : accounts) {
            if (!verifier.accepts(secret.apply(account))) {
                throw CredentialsProblem.of(entry.apply(account), field + " must be stored hashed, as "
                        + verifier.formatDescription() + ": put the hash there, never the secret itself");
            }
        }
    }

    private static <T> void requireUnique(List<T> accounts, Function<T, String> name, String entry, String key) {
        Set<String> seen = new HashSet<>();
        for (T account : accounts) {
            if (!seen.add(name.apply(account))) {
                throw CredentialsProblem.of(entry + " " + name.apply(account),
                        "listed twice: remove one, or give each its own " + key);
            }
        }
    }
}
