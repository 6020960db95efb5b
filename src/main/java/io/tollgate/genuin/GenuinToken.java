package io.tollgate.genuin;

import java.time.Duration;

/** Where the genuin dialect carries a brand token, and how the brand endpoint announces a new one. */
public final class GenuinToken {

    /** The header that carries a brand token: in the brand endpoint's answer, and to guarded routes. */
    public static final String HEADER = "gn-access-token";

    private GenuinToken() {}

    /** The brand endpoint's 200 body; the token itself travels in {@link #HEADER}. */
    public static String issuedBody(Duration lifetime) {
        return "{\"code\":200,\"message\":\"Access token generated\",\"data\":{\"expires_in\":"
                + lifetime.toSeconds() + "}}";
    }
}
