package io.tollgate.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Reads the credentials file (YAML, {@code tollgate.credentials.*}) with Spring Boot's own binder,
 * so it accepts the same relaxed names and validation as the rest of the configuration, and
 * refuses to start on a secret that is not hashed or an account provisioned twice.
 */
public final class CredentialsLoader {

    private static final String PREFIX = "tollgate.credentials";

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
        BindHandler validation = new ValidationBindHandler(validator);
        Credentials credentials = binder.bind(PREFIX, Bindable.of(Credentials.class), validation)
                .orElseGet(() -> new Credentials(List.of(), List.of(), List.of(), List.of()));
        SecretVerifier machine = verifiers.machine();
        requireHashedAndUnique(credentials.brands(), Brand::apiKey, Brand::apiSecret, machine, "brand api-key");
        requireHashedAndUnique(credentials.channelUsers(), ChannelUser::username, ChannelUser::password, machine,
                "channel-user username");
        requireHashedAndUnique(credentials.clients().stream().filter(OAuthClient::isConfidential).toList(),
                OAuthClient::clientId, OAuthClient::clientSecret, machine, "client client-id");
        requireUnique(credentials.clients(), OAuthClient::clientId, "client client-id");
        requireHashedAndUnique(credentials.users(), User::username, User::password, verifiers.people(),
                "user username");
        return credentials;
    }

    private static List<PropertySource<?>> readYaml(Resource location) {
        try {
            return new YamlPropertySourceLoader().load("credentials", location);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read credentials file " + location.getDescription(), e);
        }
    }

    private static <T> void requireHashedAndUnique(
            List<T> accounts, Function<T, String> name, Function<T, String> secret, SecretVerifier verifier,
            String what) {
        requireUnique(accounts, name, what);
        for (T account : accounts) {
            if (!verifier.accepts(secret.apply(account))) {
                throw new IllegalStateException("Secret of " + what + " " + name.apply(account)
                        + " must be stored hashed, as " + verifier.formatDescription());
            }
        }
    }

    private static <T> void requireUnique(List<T> accounts, Function<T, String> name, String what) {
        Set<String> seen = new HashSet<>();
        for (T account : accounts) {
            if (!seen.add(name.apply(account))) {
                throw new IllegalStateException("Duplicate " + what + " in credentials file: " + name.apply(account));
            }
        }
    }
}
