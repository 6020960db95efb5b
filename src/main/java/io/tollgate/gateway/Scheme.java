package io.tollgate.gateway;

/** Where a request carries its token. The tag is the {@code scheme} label of the validation meter. */
public enum Scheme {
    /** {@code Authorization: Bearer <token>}. */
    BEARER("bearer"),
    /** {@code gn-access-token: <token>}. */
    GN_ACCESS_TOKEN("gn-access-token"),
    /** No token was presented. */
    NONE("none");

    private final String tag;

    Scheme(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
