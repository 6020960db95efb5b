package io.tollgate.issuer;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * The form fields of an issuer request: read from the body of an {@code
 * application/x-www-form-urlencoded} POST (within the codecs' size limit), none for any other
 * request, whose body is never read.
 */
public final class FormBody {

    private static final MultiValueMap<String, String> NONE =
            CollectionUtils.unmodifiableMultiValueMap(new LinkedMultiValueMap<>());

    private FormBody() {}

    public static Mono<MultiValueMap<String, String>> read(ServerRequest request) {
        boolean form = HttpMethod.POST.equals(request.method()) && request.headers().contentType()
                .filter(MediaType.APPLICATION_FORM_URLENCODED::equalsTypeAndSubtype)
                .isPresent();
        return form ? request.formData() : Mono.just(NONE);
    }
}
