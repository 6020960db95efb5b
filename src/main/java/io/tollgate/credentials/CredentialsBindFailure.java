package io.tollgate.credentials;

import io.tollgate.startup.InvalidConfigurationException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns what Spring Boot's binder refuses in the credentials file (an unknown key, a value of the
 * wrong kind such as {@code status: paused}, a missing field) into one line naming the entry: the
 * binder's own report spans many lines and names the entry only by its index.
 */
final class CredentialsBindFailure {

    /** Each list of the file: what an entry is called, the key that names it, and its record. */
    private record Kind(String label, String nameKey, Class<? extends Record> type) {}

    private static final Map<String, Kind> KINDS = Map.of(
            "brands", new Kind("brand", "id", CredentialsFile.BrandEntry.class),
            "channel-users", new Kind("channel-user", "username", CredentialsFile.ChannelUserEntry.class),
            "clients", new Kind("client", "client-id", CredentialsFile.ClientEntry.class),
            "users", new Kind("user", "username", CredentialsFile.UserEntry.class),
            "scopes", new Kind("scope", "name", CredentialsFile.ScopeEntry.class));

    /** Fields whose values are never quoted: the short forms, the lists and the lists' hashes. */
    private static final Set<String> SECRETS =
            Set.of("api-secret", "api-secrets", "password", "passwords", "client-secret", "client-secrets", "hash");

    private static final int ENTRY_DEPTH = 4;

    private final Binder binder;

    CredentialsBindFailure(Binder binder) {
        this.binder = binder;
    }

    InvalidConfigurationException describe(BindException failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof UnboundConfigurationPropertiesException unbound) {
            ConfigurationPropertyName name = unbound.getUnboundProperties().stream()
                    .map(ConfigurationProperty::getName).sorted().findFirst().orElse(failure.getName());
            return CredentialsProblem.of(entry(name), "unknown key " + field(name) + ": correct its name or remove it"
                    + keys(name));
        }
        if (cause instanceof BindValidationException invalid) {
            ValidationErrors errors = invalid.getValidationErrors();
            ObjectError first = errors.getAllErrors().get(0);
            ConfigurationPropertyName name = first instanceof FieldError error
                    ? errors.getName().append(dashed(error.getField()))
                    : errors.getName();
            return CredentialsProblem.of(entry(name), field(name) + " " + first.getDefaultMessage());
        }
        ConfigurationPropertyName name = failure.getName();
        String field = field(name);
        ConfigurationProperty property = failure.getProperty();
        String value = property == null || SECRETS.contains(lastField(name)) ? ""
                : " " + CredentialsProblem.quote(property.getValue());
        return CredentialsProblem.of(entry(name), field + value + " cannot be read" + choices(cause));
    }

    /** "client demo-web" for {@code tollgate.credentials.clients[2].…}, or the file itself. */
    private String entry(ConfigurationPropertyName name) {
        Kind kind = kind(name);
        if (kind == null || name.getNumberOfElements() < ENTRY_DEPTH || !name.isNumericIndex(ENTRY_DEPTH - 1)) {
            return "credentials file";
        }
        ConfigurationPropertyName entry = name.chop(ENTRY_DEPTH);
        return kind.label() + " " + binder.bind(entry.append(kind.nameKey()), Bindable.of(String.class))
                .orElse("#" + (Integer.parseInt(name.getElement(ENTRY_DEPTH - 1, ConfigurationPropertyName.Form.UNIFORM)) + 1));
    }

    private static Kind kind(ConfigurationPropertyName name) {
        return name.getNumberOfElements() < ENTRY_DEPTH - 1 ? null
                : KINDS.get(name.getElement(ENTRY_DEPTH - 2, ConfigurationPropertyName.Form.DASHED));
    }

    /** The key within its entry ({@code status}, {@code grant-types[1]}), or the whole name outside one. */
    private static String field(ConfigurationPropertyName name) {
        if (kind(name) == null || name.getNumberOfElements() <= ENTRY_DEPTH) {
            return name.toString();
        }
        // Re-read from its text: subName fails on some names the binder built by appending.
        return ConfigurationPropertyName.of(name.toString()).subName(ENTRY_DEPTH).toString();
    }

    private static String lastField(ConfigurationPropertyName name) {
        for (int i = name.getNumberOfElements() - 1; i >= 0; i--) {
            if (!name.isNumericIndex(i)) {
                return name.getElement(i, ConfigurationPropertyName.Form.DASHED);
            }
        }
        return "";
    }

    /** The keys an entry of this kind takes, as a hint after an unknown one. */
    private static String keys(ConfigurationPropertyName name) {
        Kind kind = kind(name);
        if (kind == null || name.getNumberOfElements() <= ENTRY_DEPTH) {
            return " (the file takes " + String.join(", ", KINDS.keySet().stream().sorted().toList()) + ")";
        }
        return " (" + kind.label() + " keys: " + Arrays.stream(kind.type().getRecordComponents())
                .map(RecordComponent::getName)
                .map(CredentialsBindFailure::dashed)
                .collect(Collectors.joining(", ")) + ")";
    }

    /** For a value of an enumeration (a status, a grant type), the values it may take. */
    private static String choices(Throwable cause) {
        if (cause instanceof ConversionFailedException conversion) {
            Class<?> target = elementType(conversion.getTargetType());
            if (target == Instant.class) {
                return ": write an RFC 3339 instant in UTC, such as 2027-01-31T00:00:00Z";
            }
            if (target.isEnum()) {
                return ": use one of " + Arrays.stream(target.getEnumConstants())
                        .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "));
            }
            return ": write a " + target.getSimpleName().toLowerCase(Locale.ROOT);
        }
        return ": correct its value";
    }

    private static Class<?> elementType(TypeDescriptor type) {
        TypeDescriptor element = type.isCollection() ? type.getElementTypeDescriptor() : null;
        return element != null ? element.getType() : type.getType();
    }

    private static String dashed(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }
}
