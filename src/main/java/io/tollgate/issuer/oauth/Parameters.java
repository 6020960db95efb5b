package io.tollgate.issuer.oauth;

import java.util.List;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The parameters of an OAuth request: query string and form body together. RFC 6749 §3.2 forbids
 * a parameter more than once; a repeated one is an {@code invalid_request}.
 */
final class Parameters {

    private final MultiValueMap<String, String> values;

    private Parameters(MultiValueMap<String, String> values) {
        this.values = values;
    }

    /** The fields of a form body alone, for an endpoint that reads nothing from the query string. */
    static Parameters of(MultiValueMap<String, String> form) {
        return new Parameters(form);
    }

    static Parameters of(MultiValueMap<String, String> query, MultiValueMap<String, String> form) {
        MultiValueMap<String, String> all = new LinkedMultiValueMap<>(query);
        form.forEach(all::addAll);
        return new Parameters(all);
    }

    /** The value, or {@code null} when absent or empty. */
    String optional(String name) {
        List<String> given = values.get(name);
        if (given == null || given.isEmpty()) {
            return null;
        }
        if (given.size() > 1) {
            throw OAuthError.invalidRequest("The parameter " + name + " is repeated");
        }
        String value = given.get(0);
        return value == null || value.isEmpty() ? null : value;
    }

    String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw OAuthError.invalidRequest("The parameter " + name + " is missing");
        }
        return value;
    }
}
