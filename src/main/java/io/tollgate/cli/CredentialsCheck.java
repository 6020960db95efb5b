package io.tollgate.cli;

import io.tollgate.credentials.Credentials;
import io.tollgate.credentials.CredentialsLoader;
import io.tollgate.credentials.SecretVerifiers;
import io.tollgate.startup.InvalidConfigurationException;
import java.nio.file.Path;
import org.springframework.boot.validation.MessageInterpolatorFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * The server's own check of a credentials file: {@link CredentialsLoader}, the code the start and
 * every reload run, with a validator made as Spring Boot makes the server's, so the CLI never
 * writes a file the gateway would refuse and words a refusal as the gateway would. A refusal keeps
 * the loader's one line, which names the entry and the problem and never a secret.
 */
final class CredentialsCheck {

    private final CredentialsLoader loader;

    CredentialsCheck() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.setMessageInterpolator(new MessageInterpolatorFactory().getObject());
        validator.afterPropertiesSet();
        this.loader = new CredentialsLoader(validator, SecretVerifiers.create());
    }

    Credentials check(Path file) {
        try {
            return loader.load(new FileSystemResource(file));
        } catch (InvalidConfigurationException e) {
            throw new Refusal(e.getMessage());
        }
    }
}
