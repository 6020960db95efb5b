package io.tollgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Drives the authorization pages over real HTTP as a browser would, minus the rendering: it keeps
 * the session cookie, reads each form's CSRF token from the page and follows the redirect after
 * the sign-in.
 */
public final class OAuthBrowserless {

    public static final String SESSION_COOKIE = "TOLLGATE_SESSION";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final WebTestClient client;
    private final String baseUrl;
    private String session;
    private String csrf;
    private URI afterSignIn;

    public OAuthBrowserless(WebTestClient client, int port) {
        this.client = client;
        this.baseUrl = "http://localhost:" + port;
    }

    /** Opens the authorize endpoint with {@code query} exactly as given (already encoded). */
    public EntityExchangeResult<String> authorize(String query) {
        WebTestClient.RequestHeadersSpec<?> request =
                client.get().uri(URI.create(baseUrl + "/platform/oauth/authorize?" + query));
        if (session != null) {
            request.cookie(SESSION_COOKIE, session);
        }
        EntityExchangeResult<String> page = request.exchange().expectBody(String.class).returnResult();
        remember(page);
        return page;
    }

    public EntityExchangeResult<String> login(String username, String password) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", csrf);
        form.add("username", username);
        form.add("password", password);
        EntityExchangeResult<String> result = post("/platform/oauth/authorize/login", form);
        remember(result);
        if (result.getStatus() == HttpStatus.SEE_OTHER) {
            afterSignIn = result.getResponseHeaders().getLocation();
        }
        return result;
    }

    /** Follows the redirect of the last successful sign-in, which shows the consent page. */
    public EntityExchangeResult<String> consentPage() {
        assertThat(afterSignIn).as("a successful sign-in's redirect").isNotNull();
        EntityExchangeResult<String> page = client.get().uri(URI.create(baseUrl + afterSignIn))
                .cookie(SESSION_COOKIE, session).exchange().expectBody(String.class).returnResult();
        remember(page);
        return page;
    }

    /** Posts the consent decision and returns where the browser is sent. */
    public URI decide(String decision) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", csrf);
        form.add("decision", decision);
        EntityExchangeResult<String> result = post("/platform/oauth/authorize/consent", form);
        assertThat(result.getStatus()).isEqualTo(HttpStatus.SEE_OTHER);
        return result.getResponseHeaders().getLocation();
    }

    /** The whole flow for {@link TestCredentials#USER}: authorize, sign in, allow. */
    public URI allow(String query) {
        assertThat(authorize(query).getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(login(TestCredentials.USER, TestCredentials.PASSWORD).getStatus()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(consentPage().getStatus()).isEqualTo(HttpStatus.OK);
        return decide("allow");
    }

    public EntityExchangeResult<String> post(String path, MultiValueMap<String, String> form) {
        WebTestClient.RequestBodySpec request = client.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (session != null) {
            request.cookie(SESSION_COOKIE, session);
        }
        return request.body(BodyInserters.fromFormData(form)).exchange().expectBody(String.class).returnResult();
    }

    /** The same browser, session and form state included, talking to another replica. */
    public OAuthBrowserless at(WebTestClient other, int otherPort) {
        OAuthBrowserless moved = new OAuthBrowserless(other, otherPort);
        moved.session = session;
        moved.csrf = csrf;
        moved.afterSignIn = afterSignIn;
        return moved;
    }

    public void forgetCsrf(String replacement) {
        csrf = replacement;
    }

    /** The CSRF token of the last form seen. */
    public String csrf() {
        return csrf;
    }

    /** The session cookie's value, as the browser would send it. */
    public String session() {
        return session;
    }

    public void replaceSession(String value) {
        session = value;
    }

    private void remember(EntityExchangeResult<String> result) {
        ResponseCookie cookie = result.getResponseCookies().getFirst(SESSION_COOKIE);
        if (cookie != null) {
            session = Secrets.remember(cookie.getValue());
        }
        String body = result.getResponseBody();
        if (body != null) {
            Matcher matcher = CSRF.matcher(body);
            if (matcher.find()) {
                csrf = Secrets.remember(matcher.group(1));
            }
        }
    }

    /** The query (or, for {@code fragment}, the fragment) of a redirect, decoded. */
    public static Map<String, String> parameters(URI location, boolean fragment) {
        String raw = fragment ? location.getRawFragment() : location.getRawQuery();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** A PKCE verifier and its S256 challenge. */
    public record Pkce(String verifier, String challenge) {
        public static Pkce create() {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Header value for HTTP Basic client authentication. */
    public static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
