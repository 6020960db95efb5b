package io.tollgate.server;

/** A request body that had not arrived whole within {@code tollgate.server.request-body-timeout}. */
public final class RequestBodyTimeoutException extends RuntimeException {

    RequestBodyTimeoutException() {
        super("request body not received within the body timeout", null, false, false);
    }
}
