package io.tollgate.credentials;

import io.tollgate.credentials.CredentialsFile.BrandEntry;
import io.tollgate.credentials.CredentialsFile.ChannelUserEntry;
import io.tollgate.credentials.CredentialsFile.ClientEntry;
import io.tollgate.credentials.CredentialsFile.ScopeEntry;
import io.tollgate.credentials.CredentialsFile.UserEntry;
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
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the credentials file (YAML, {@code tollgate.credentials.*}) with Spring Boot's own binder,
 * so it accepts the same relaxed names and validation as the rest of the configuration, and
 * refuses a file that cannot work as written: an unknown key or value, a secret that is not
 * hashed, a secret given in both its short and its list form, an account provisioned twice, or a
 * client that contradicts itself ({@link ClientRules}). Each refusal is one line naming the entry
 * and the fix, and never a secret or hash: the same line stops the start, or refuses a reload.
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
        CredentialsFile file;
        try {
            file = binder.bind(PREFIX, Bindable.of(CredentialsFile.class), handler).orElseGet(CredentialsFile::empty);
        } catch (BindException e) {
            throw new CredentialsBindFailure(binder).describe(e);
        }
        requireUnique(file.brands(), BrandEntry::id, "brand", "id");
        requireUnique(file.brands(), BrandEntry::apiKey, "brand api-key", "api-key");
        requireUnique(file.channelUsers(), ChannelUserEntry::username, "channel-user", "username");
        requireUnique(file.clients(), ClientEntry::clientId, "client", "client-id");
        requireUnique(file.users(), UserEntry::username, "user", "username");
        requireUnique(file.scopes(), ScopeEntry::name, "scope", "name");
        Credentials credentials = new Credentials(
                file.brands().stream().map(this::brand).toList(),
                file.channelUsers().stream().map(this::channelUser).toList(),
                file.clients().stream().map(this::client).toList(),
                file.users().stream().map(this::user).toList(),
                file.scopes().stream().map(CredentialsLoader::scope).toList());
        AccountRules.check(credentials);
        return credentials;
    }

    private Brand brand(BrandEntry entry) {
        String name = CredentialsProblem.entry(AccountKind.BRAND, entry.id());
        List<StoredSecret> secrets = StoredSecrets.required(name, "api-secret", entry.apiSecret(), "api-secrets",
                entry.apiSecrets(), verifiers.machine());
        return new Brand(entry.id(), entry.apiKey(), secrets, entry.status(), entry.scopes());
    }

    private ChannelUser channelUser(ChannelUserEntry entry) {
        String name = CredentialsProblem.entry(AccountKind.CHANNEL_USER, entry.username());
        List<StoredSecret> passwords = StoredSecrets.required(name, "password", entry.password(), "passwords",
                entry.passwords(), verifiers.machine());
        return new ChannelUser(entry.username(), passwords, entry.status(), entry.scopes());
    }

    /** The type as written, else inferred from a secret being present; {@link ClientRules} checks they agree. */
    private OAuthClient client(ClientEntry entry) {
        String name = CredentialsProblem.entry(AccountKind.CLIENT, entry.clientId());
        if (entry.clientSecret() != null && entry.clientSecret().isBlank()) {
            throw CredentialsProblem.of(name, "client-secret is empty: set the {sha256} hash of its secret, or remove "
                    + "the key for a public client");
        }
        List<StoredSecret> secrets = StoredSecrets.read(name, "client-secret", entry.clientSecret(), "client-secrets",
                entry.clientSecrets(), verifiers.machine());
        ClientType type = entry.type() != null ? entry.type()
                : secrets.isEmpty() ? ClientType.PUBLIC : ClientType.CONFIDENTIAL;
        return new OAuthClient(entry.clientId(), type, secrets, entry.redirectUris(), entry.grantTypes(),
                entry.trusted(), entry.status(), entry.scopes(), blankToNull(entry.name()), blankToNull(entry.logoUri()));
    }

    private static ScopeDescription scope(ScopeEntry entry) {
        return new ScopeDescription(entry.name(), entry.description(), entry.descriptions());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private User user(UserEntry entry) {
        String name = CredentialsProblem.entry(AccountKind.USER, entry.username());
        List<StoredSecret> passwords = StoredSecrets.required(name, "password", entry.password(), "passwords",
                entry.passwords(), verifiers.people());
        return new User(entry.username(), passwords, entry.status());
    }

    /**
     * The file's property sources. A file that is not YAML is refused by line and column alone:
     * snakeyaml's own message quotes the text around the problem, which may be a hash.
     */
    private static List<PropertySource<?>> readYaml(Resource location) {
        try {
            return new YamlPropertySourceLoader().load("credentials", location);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read credentials file " + location.getDescription(), e);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw CredentialsProblem.of("credentials file", "not valid YAML"
                    + (mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1))
                    + ": correct the syntax there");
        } catch (YAMLException e) {
            throw CredentialsProblem.of("credentials file", "not valid YAML: correct its syntax");
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
