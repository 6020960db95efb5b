package io.tollgate.issuer.oauth;

import io.tollgate.issuer.FormBody;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Reads the token that {@code validate_token} and {@code invalidate_token} act on: {@code
 * access_token} (Geni's name) or {@code token} (RFC 7009's), from the query string or a form body.
 */
final class TokenParameter {

    private TokenParameter() {}

    /** The token, or an empty {@code Mono} when the request names none. */
    static Mono<String> read(ServerRequest request) {
        return FormBody.read(request).mapNotNull(form -> first(form, FormBody.query(request)));
    }

    /** A form field wins over a query parameter; {@code access_token} over {@code token}. */
    private static String first(MultiValueMap<String, String> form, MultiValueMap<String, String> query) {
        for (MultiValueMap<String, String> source : List.of(form, query)) {
            for (String name : new String[] {"access_token", "token"}) {
                String value = source.getFirst(name);
                if (value != null && !value.isEmpty()) {
                    return value;
                }
            }
        }
        return null;
    }
}
