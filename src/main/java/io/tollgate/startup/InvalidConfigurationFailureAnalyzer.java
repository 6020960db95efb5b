package io.tollgate.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a start stopped by {@link InvalidConfigurationException} as Spring Boot reports its own
 * configuration errors ("APPLICATION FAILED TO START"): the exception's one line as the
 * description, instead of a stack trace through the bean factory in which that line is buried.
 */
final class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct " + cause.source() + " as the line above says.", cause);
    }
}
