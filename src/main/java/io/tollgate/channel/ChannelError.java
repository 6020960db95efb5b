package io.tollgate.channel;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Every refusal of the channel dialect, as partners read it: a status and a plain-text body. The
 * guard (the channel token route) and the channel token endpoint answer from this one list.
 */
public enum ChannelError {

    /** Missing field, unknown user, wrong password, locked out, or a request whose fields cannot be read. */
    INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "invalid username or password"),
    /** The account's state forbids tokens. */
    TOKEN_EXPIRED(HttpStatus.FORBIDDEN, "token expired"),
    /** A form body over the codecs' size limit. */
    TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "request too large"),
    /** A request the guard refuses before the endpoint, or an unexpected failure of the endpoint. */
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "invalid request"),
    /** The client address over its rate limit. */
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "too many requests"),
    /** The state store is unreachable. */
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service unavailable");

    /** The content type of every channel answer, the token included. */
    public static final MediaType CONTENT_TYPE = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final HttpStatus status;
    private final String body;

    ChannelError(HttpStatus status, String body) {
        this.status = status;
        this.body = body;
    }

    public HttpStatus status() {
        return status;
    }

    /** The plain-text body, {@link #CONTENT_TYPE}. */
    public String body() {
        return body;
    }
}
