package io.tollgate.issuer.oauth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Redirects back to the client: parameters in the query for the code flow, in the fragment for
 * the implicit flow (RFC 6749 §4.1.2, §4.2.2), form-encoded (a space is {@code +}), {@code state}
 * last when the request carried one.
 */
final class Redirects {

    private Redirects() {}

    static URI toClient(String redirectUri, boolean fragment, Map<String, String> parameters, String state) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        if (state != null) {
            all.put("state", state);
        }
        StringJoiner encoded = new StringJoiner("&");
        all.forEach((name, value) -> encoded.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        String separator = fragment ? "#" : redirectUri.contains("?") ? "&" : "?";
        return URI.create(redirectUri + separator + encoded);
    }

    /** An OAuth error for the client, as RFC 6749 §4.1.2.1 words it. */
    static URI error(AuthorizeProblem problem, String redirectUri, boolean fragment, String state) {
        return toClient(redirectUri, fragment,
                Map.of("error", problem.error(), "error_description", problem.description()), state);
    }

    /** The origin of a redirect URI, for the pages' Content-Security-Policy. */
    static String origin(String redirectUri) {
        URI uri = URI.create(redirectUri);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
