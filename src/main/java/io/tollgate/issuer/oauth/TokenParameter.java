package io.tollgate.issuer.oauth;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
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
        boolean form = HttpMethod.POST.equals(request.method()) && request.headers().contentType()
                .filter(MediaType.APPLICATION_FORM_URLENCODED::equalsTypeAndSubtype)
                .isPresent();
        Mono<MultiValueMap<String, String>> body = form ? request.formData() : Mono.just(request.queryParams());
        return body.mapNotNull(fields -> first(fields, request.queryParams()));
    }

    private static String first(MultiValueMap<String, String> body, MultiValueMap<String, String> query) {
        for (MultiValueMap<String, String> source : List.of(body, query)) {
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
