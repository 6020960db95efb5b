package io.tollgate.credentials;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a client's logo may come from: the one Content-Security-Policy {@code img-src} source that
 * lets a page show it, {@code data:} for an inline image or the origin of an {@code https} URI.
 */
final class LogoUris {

    private LogoUris() {}

    /** The {@code img-src} source that allows this logo, or {@code null} when it may not be shown. */
    static String source(String logoUri) {
        if (logoUri.regionMatches(true, 0, "data:image/", 0, "data:image/".length())) {
            return "data:";
        }
        try {
            URI uri = new URI(logoUri);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return null;
            }
            return "https://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
