package io.tollgate.issuer;

/** A request body the issuer cannot read; answered with the dialect's generic error. */
final class MalformedRequestException extends RuntimeException {

    MalformedRequestException() {
        super("malformed request", null, false, false);
    }
}
