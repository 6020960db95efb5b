package io.tollgate.issuer;

import java.net.URLDecoder;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.InvalidMediaTypeException;
import reactor.netty.channel.AbortedException;
import tools.jackson.core.JacksonException;

/**
 * A request the issuer cannot read: a {@code Content-Type} that does not parse, a form or query
 * string with a bad {@code %} escape or bytes that are not text in its charset, a body over the
 * codecs' limit, JSON that does not parse. {@link FormBody} and {@link RequestContentType} raise
 * it; each dialect turns it into its documented answer in one place. It carries no stack trace
 * and no part of the input.
 */
public final class MalformedRequestException extends RuntimeException {

    private final boolean tooLarge;

    private MalformedRequestException(String message, boolean tooLarge) {
        super(message, null, false, false);
        this.tooLarge = tooLarge;
    }

    public static MalformedRequestException unreadable() {
        return new MalformedRequestException("malformed request", false);
    }

    public static MalformedRequestException tooLarge() {
        return new MalformedRequestException("request body over the size limit", true);
    }

    /**
     * Whether a failure is the client's unreadable input rather than Tollgate's own fault: this
     * exception, or what Spring's and Jackson's readers raise for the same inputs ({@code
     * ServerRequest.formData()} throws a bare {@link IllegalArgumentException} from {@link
     * URLDecoder} for a bad escape), and a body cut short: the client closed the connection before
     * the bytes its {@code Content-Length} announced arrived ({@link AbortedException}).
     */
    public static boolean isMalformedInput(Throwable error) {
        return error instanceof MalformedRequestException
                || error instanceof JacksonException
                || error instanceof DataBufferLimitException
                || error instanceof DecodingException
                || error instanceof InvalidMediaTypeException
                || error instanceof AbortedException
                || error instanceof IllegalArgumentException && thrownBy(error, URLDecoder.class);
    }

    /** True when a body over the codecs' size limit caused the failure (the channel dialect answers 413). */
    public static boolean isTooLarge(Throwable error) {
        return error instanceof MalformedRequestException malformed ? malformed.tooLarge
                : error instanceof DataBufferLimitException;
    }

    private static boolean thrownBy(Throwable error, Class<?> type) {
        StackTraceElement[] trace = error.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().equals(type.getName());
    }
}
