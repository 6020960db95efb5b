package io.tollgate.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.LogCapture;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unreadable requests over real HTTP: a {@code Content-Type} that does not parse, a form or query
 * string with a bad {@code %} escape or bytes that are not UTF-8, a body over the 16 KB limit.
 * Every issuer endpoint answers them with its dialect's documented 4xx, never a 500. The requests
 * are sent byte for byte with the JDK's client, since Spring's refuses to send such headers.
 */
class MalformedRequestTest extends IntegrationTest {

    private static final String GENUIN_1099 =
            "{\"code\":\"1099\",\"message\":\"An unexpected error occurred processing the request\",\"data\":{}}";
    private static final String INVALID_REQUEST =
            "{\"error\":\"invalid_request\",\"error_description\":\"The request cannot be read\"}";
    private static final String TOO_LARGE =
            "{\"error\":\"invalid_request\",\"error_description\":\"The request body is too large\"}";
    private static final String UNREADABLE_PAGE = "This request cannot be read. Start again from the application.";
    private static final Pattern ALERT = Pattern.compile("<p class=\"error\" role=\"alert\">([^<]*)</p>");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OVER_THE_LIMIT = "a=" + "x".repeat(20 * 1024);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=nonsense", ";;;", "x", "application/json; charset="})
    void brandContentTypeThatDoesNotParseIs1099(String contentType) throws Exception {
        Answer answer = post("/api/thirdparty/auth", contentType, "{\"api_key\":\"a\",\"api_secret\":\"b\"}");
        answer.expect(400, "application/json", GENUIN_1099);
        assertThat(answer.response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=nonsense", ";;;", "x",
        "application/x-www-form-urlencoded; charset=nonsense"})
    void channelContentTypeThatDoesNotParseReadsNoFieldsSoIs401(String contentType) throws Exception {
        post("/generateToken", contentType, "username=a&password=b")
                .expect(401, "text/plain;charset=UTF-8", "invalid username or password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"username=%zz", "a=%", "a=%e9", "%zz=1", "username=channel_user&password=%c3%28"})
    void channelFormWithBadEncodingReadsNoFieldsSoIs401(String body) throws Exception {
        post("/generateToken", FORM, body).expect(401, "text/plain;charset=UTF-8", "invalid username or password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"username=%e9", "username=%c3%28&password=x"})
    void channelQueryWithBadUtf8Is401(String query) throws Exception {
        post("/generateToken?" + query, FORM, "").expect(401, "text/plain;charset=UTF-8", "invalid username or password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/platform/oauth/validate_token", "/platform/oauth/invalidate_token",
        "/platform/oauth/request_token"})
    void oauthContentTypeThatDoesNotParseIsInvalidRequest(String path) throws Exception {
        for (String contentType : new String[] {"application/json; charset=nonsense", ";;;", "x",
            "application/x-www-form-urlencoded; charset=nonsense", "application/x-www-form-urlencoded; charset="}) {
            post(path, contentType, "access_token=x").expect(400, "application/json", INVALID_REQUEST);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/platform/oauth/validate_token", "/platform/oauth/invalidate_token",
        "/platform/oauth/request_token"})
    void oauthFormWithBadEncodingIsInvalidRequest(String path) throws Exception {
        for (String body : new String[] {"access_token=%zz", "a=%", "access_token=%e9", "%zz=1", "token=%c3%28"}) {
            post(path, FORM, body).expect(400, "application/json", INVALID_REQUEST);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/platform/oauth/validate_token", "/platform/oauth/invalidate_token",
        "/platform/oauth/request_token"})
    void oauthQueryWithBadUtf8IsInvalidRequest(String path) throws Exception {
        get(path + "?access_token=%e9").expect(400, "application/json", INVALID_REQUEST);
        post(path + "?token=%c3%28", FORM, "").expect(400, "application/json", INVALID_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/platform/oauth/validate_token", "/platform/oauth/invalidate_token",
        "/platform/oauth/request_token"})
    void oauthFormOverTheLimitIsInvalidRequest(String path) throws Exception {
        post(path, FORM, OVER_THE_LIMIT).expect(400, "application/json", TOO_LARGE);
    }

    /** RFC 6749 §2.3.1 form-encodes id and secret inside Basic; a bad escape there is a failed authentication. */
    @ParameterizedTest
    @ValueSource(strings = {"%zz-user:wrong-5d1b", "test-web:%zz-secret-7f3a", "test-web:secret-9c2e%", "test-web:%e9%e9"})
    void basicCredentialsWithABadEscapeAreInvalidClient(String credentials) throws Exception {
        int colon = credentials.indexOf(':');
        Secrets.remember(credentials.substring(colon + 1));
        String basic = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        Answer answer = send(HttpRequest.newBuilder(uri("/platform/oauth/request_token"))
                .header("Authorization", basic)
                .header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        answer.expect(401, "application/json",
                "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
        assertThat(answer.response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"tollgate\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/platform/oauth/authorize/login", "/platform/oauth/authorize/consent"})
    void formsWithBadEscapesOrOverTheLimitGetTheErrorPage(String path) throws Exception {
        for (String body : new String[] {"_csrf=%zz", "username=%", "%zz=1", OVER_THE_LIMIT}) {
            Answer answer = post(path, FORM, body);
            answer.expect(400, "text/html");
            assertThat(answer.alert()).isEqualTo(UNREADABLE_PAGE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/platform/oauth/authorize/login", "/platform/oauth/authorize/consent"})
    void formsWithAContentTypeThatDoesNotParseGetTheErrorPage(String path) throws Exception {
        for (String contentType : new String[] {"application/json; charset=nonsense", ";;;", "x"}) {
            Answer answer = post(path, contentType, "_csrf=x&username=" + TestCredentials.USER);
            answer.expect(400, "text/html");
            assertThat(answer.alert()).isNotEmpty();
        }
    }

    /**
     * A body shorter than its {@code Content-Length}, the client closing its side: nothing can be
     * answered, and it is the client's unreadable input (a debug line), not a failure of Tollgate
     * (an error line with a stack trace, and a 500 counted).
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/thirdparty/auth", "/generateToken", "/platform/oauth/validate_token",
        "/platform/oauth/request_token", "/platform/oauth/authorize/login"})
    void aBodyCutShortIsUnreadableInputNotAFailure(String path) throws Exception {
        List<String> refused = List.of(" request refused: ");
        List<String> failed = List.of("request failed", "500 Server Error for HTTP POST");
        int refusedBefore = LogCapture.linesContainingAny(refused).size();
        int failedBefore = LogCapture.linesContainingAny(failed).size();
        String contentType = path.equals("/api/thirdparty/auth") ? "application/json" : FORM;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: 100\r\n\r\na=b").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // The server closes the connection: the client is gone as far as it knows.
            }
        }
        for (int attempt = 0; attempt < 200 && LogCapture.linesContainingAny(refused).size() == refusedBefore;
                attempt++) {
            Thread.sleep(50);
        }
        assertThat(LogCapture.linesContainingAny(refused)).hasSize(refusedBefore + 1);
        assertThat(LogCapture.linesContainingAny(failed)).hasSize(failedBefore);
    }

    private Answer post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)));
    }

    private Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return new Answer(http.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    private record Answer(HttpResponse<String> response) {

        /** Status, content type and body exactly; a JSON body member for member, in any order. */
        void expect(int status, String contentType, String body) {
            expect(status, contentType);
            if (contentType.equals("application/json")) {
                assertThat(JSON.readTree(response.body())).as(response.body()).isEqualTo(JSON.readTree(body));
            } else {
                assertThat(response.body()).isEqualTo(body);
            }
        }

        void expect(int status, String contentType) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(contentType);
        }

        /** The error page's message. */
        String alert() {
            Matcher matcher = ALERT.matcher(response.body());
            assertThat(matcher.find()).as(response.body()).isTrue();
            return matcher.group(1);
        }
    }
}
