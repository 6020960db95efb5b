package io.tollgate.issuer;

import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The {@code Content-Type} of an issuer request. Spring's accessor throws for a value that does
 * not parse ({@code ;;;}, {@code application/json; charset=nonsense}); here that is a {@link
 * MalformedRequestException}, answered in the endpoint's dialect.
 */
public final class RequestContentType {

    private RequestContentType() {}

    /** The content type, empty when the request names none. */
    public static Optional<MediaType> of(ServerRequest request) {
        String value = request.headers().firstHeader(HttpHeaders.CONTENT_TYPE);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MediaType.parseMediaType(value));
        } catch (InvalidMediaTypeException e) {
            throw MalformedRequestException.unreadable();
        }
    }
}
