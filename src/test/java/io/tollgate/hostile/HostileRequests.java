package io.tollgate.hostile;

import io.tollgate.hostile.HostileRequest.Header;
import io.tollgate.support.Demo;
import io.tollgate.support.TestCredentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile requests: each part (method, path, query, headers, body) from a pool of
 * tricks mixed with random text, so that shrinking ends on a small request that names the trick.
 */
final class HostileRequests {

    /** Inserted at a segment boundary of a route's path. */
    private static final List<String> PATH_TRICKS = List.of(
            "", "/..", "/.", "/%2e%2e", "/%2E%2E", "/.%2e", "/%2e.", "/%2e", "//", "/%2f", "%2f", "%2F..",
            "/%5c..", "\\..", "\\", ";", ";jsessionid=x", "/..;", "/;x=1", "%00", "/%00", "%25", "%zz", "%",
            "/%252e%252e", "/%c0%ae%c0%ae", "/%ff", "/\u00e9", "/%e2%80%ae", "/%20", "/ x", "/\u0000", "/\t");

    /** Appended after the route's path: ways out of the route, and ordinary segments. */
    private static final List<String> PATH_TAILS = List.of(
            "", "/", "/x", "/x/y", "/../bearer/x", "/../genuin/x", "/../public/x", "/%2e%2e/bearer/x",
            "/..%2fbearer/x", "/x/../../bearer/x", "/%2e%2e%2fbearer%2fx", "/..\\bearer\\x", "/..;/bearer/x",
            "/..%5cbearer/x", "/%252e%252e/bearer/x", "/.%2e/.%2e/api/thirdparty/auth", "/x%3fy");

    private static final List<String> PARAMETERS = List.of(
            "access_token", "token", "token_type_hint", "client_id", "client_secret", "grant_type", "code",
            "redirect_uri", "scope", "state", "username", "Username", "password", "PASSWORD", "response_type",
            "code_challenge", "code_challenge_method", "code_verifier", "display", "refresh_token", "ui_locales",
            "api_key", "_csrf", "x");

    private static final List<String> KNOWN_VALUES = List.of(
            "", TestCredentials.WEB_CLIENT, TestCredentials.PUBLIC_CLIENT, TestCredentials.REDIRECT_URI,
            TestCredentials.USER, Demo.CHANNEL_USER, "authorization_code", "password", "client_credentials",
            "refresh_token", "implicit", "code", "token", "S256", "plain", "profile", "family", "profile,family",
            "iframe", "de", "%zz", "%", "%e2%82", "%00", "a%2", "%%%", "+", "&", "=");

    private static final List<String> CONTENT_TYPES = List.of(
            "application/json", "application/json; charset=utf-8", "application/json; charset=nonsense",
            "application/json;charset=", "application/json; charset=\"unterminated", "application/json; a",
            "application/json;;;", "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=UTF-8", "application/x-www-form-urlencoded; charset=nonsense",
            "application/x-www-form-urlencoded;charset", "text/plain", "text/html", "multipart/form-data",
            "multipart/form-data; boundary=", "multipart/form-data; boundary=x", "application/", "/", ";", "*/*",
            "application/*", "application/json, text/plain", "\u00e9/\u00e9", "application/xml",
            "application/octet-stream", "APPLICATION/JSON", "application/json; charset=utf-8; charset=latin1");

    private HostileRequests() {}

    /** A request to any route (or none): random method, path trick, query, headers and body. */
    static Arbitrary<HostileRequest> anyRequest(Tokens tokens) {
        return Combinators.combine(methods(), trickedPaths(), queries(), headers(tokens), bodies())
                .as(HostileRequests::request);
    }

    /** Requests whose path tries to leave the route it matches, with or without a credential. */
    static Arbitrary<HostileRequest> pathTricks(Tokens tokens) {
        return Combinators.combine(
                        Arbitraries.of("GET", "POST", "HEAD", "DELETE"), trickedPaths(), queries(),
                        credentialHeaders(tokens).list().ofMaxSize(2), Arbitraries.just(new byte[0]))
                .as(HostileRequests::request);
    }

    /** POSTs with a broken content type or body to the endpoints that read a body. */
    static Arbitrary<HostileRequest> malformedBodies(Tokens tokens) {
        Arbitrary<String> readers = Arbitraries.of(
                "/api/thirdparty/auth", "/generateToken", "/platform/oauth/request_token",
                "/platform/oauth/validate_token", "/platform/oauth/invalidate_token",
                "/platform/oauth/authorize/login", "/platform/oauth/authorize/consent", "/demo/public/upload",
                "/demo/genuin/upload", "/demo/bearer/upload");
        Arbitrary<List<Header>> headers = Combinators.combine(
                        contentType().list().ofMinSize(1).ofMaxSize(2),
                        credentialHeaders(tokens).list().ofMaxSize(1))
                .as((types, credentials) -> {
                    List<Header> all = new ArrayList<>(types);
                    all.addAll(credentials);
                    return all;
                });
        return Combinators.combine(Arbitraries.just("POST"), readers, queries(), headers, bodies())
                .as(HostileRequests::request);
    }

    /** Guarded routes and token endpoints with ambiguous credentials and header values no client should send. */
    static Arbitrary<HostileRequest> hostileHeaders(Tokens tokens) {
        Arbitrary<String> paths = Arbitraries.of(
                "/demo/genuin/x", "/demo/bearer/x", "/demo/public/x", "/platform/oauth/request_token",
                "/platform/oauth/validate_token", "/generateToken", "/api/thirdparty/auth",
                "/platform/oauth/authorize");
        Arbitrary<Header> header = Arbitraries.frequencyOf(
                Tuple.of(4, credentialHeaders(tokens)), Tuple.of(2, spoofedIdentity()), Tuple.of(2, oddHeader()));
        return Combinators.combine(methods(), paths, queries(), header.list().ofMinSize(1).ofMaxSize(5), bodies())
                .as(HostileRequests::request);
    }

    /** The same parameter more than once, in the query, on the endpoints that read parameters. */
    static Arbitrary<HostileRequest> repeatedParameters(Tokens tokens) {
        Arbitrary<String> paths = Arbitraries.of(
                "/platform/oauth/request_token", "/platform/oauth/validate_token", "/platform/oauth/invalidate_token",
                "/platform/oauth/authorize", "/platform/oauth/authorize/consent", "/generateToken",
                "/demo/public/x");
        Arbitrary<String> repeated = Combinators.combine(Arbitraries.of(PARAMETERS), values().list().ofMinSize(2).ofMaxSize(3))
                .as((name, values) -> String.join("&", values.stream().map(value -> name + "=" + value).toList()));
        Arbitrary<String> query = Combinators.combine(repeated, queries())
                .as((twice, rest) -> "?" + twice + (rest.isEmpty() ? "" : "&" + rest.substring(1)));
        return Combinators.combine(Arbitraries.of("GET", "POST"), paths, query,
                        credentialHeaders(tokens).list().ofMaxSize(1), Arbitraries.just(new byte[0]))
                .as(HostileRequests::request);
    }

    private static HostileRequest request(String method, String path, String query, List<Header> headers, byte[] body) {
        String target = path + query;
        return new HostileRequest(method, target, headers, body,
                !isUri(target) || headers.stream().anyMatch(Header::malformed));
    }

    /**
     * Whether the request target is a URI (RFC 3986, as {@link URI} reads it, like Spring's server
     * adapter) of printable ASCII: a target with a space, a control character, a raw non-ASCII
     * character or a {@code %} without two hex digits is refused by the server before any route
     * sees it.
     */
    private static boolean isUri(String target) {
        try {
            new URI("http://localhost" + target);
            return target.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        } catch (URISyntaxException notAUri) {
            return false;
        }
    }

    private static Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("GET", "POST")),
                Tuple.of(2, Arbitraries.of("PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")),
                Tuple.of(1, Arbitraries.of("TRACE", "get", "Post", "PROPFIND", "FOO", "M-SEARCH")));
    }

    /** A route's path (or an unrouted one) with a trick at one of its segment boundaries and a tail. */
    static Arbitrary<String> trickedPaths() {
        return Arbitraries.of(Surface.BASE_PATHS).flatMap(base -> {
            // After the leading slash: a target must start with one (origin form) to be a path at all.
            List<Integer> boundaries = new ArrayList<>();
            for (int i = 1; i < base.length(); i++) {
                if (base.charAt(i) == '/') {
                    boundaries.add(i);
                }
            }
            boundaries.add(base.length());
            return Combinators.combine(Arbitraries.of(boundaries), Arbitraries.of(PATH_TRICKS), Arbitraries.of(PATH_TAILS))
                    .as((at, trick, tail) -> base.substring(0, at) + trick + base.substring(at) + tail);
        });
    }

    private static Arbitrary<String> queries() {
        Arbitrary<String> parameter = Combinators.combine(Arbitraries.of(PARAMETERS), values())
                .as((name, value) -> name + "=" + value);
        return parameter.list().ofMaxSize(4)
                .map(parameters -> parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
    }

    /** Parameter values: known ones, broken escapes, random text sent raw or percent-encoded. */
    private static Arbitrary<String> values() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange('!', '~').withChars("\u00e9\u65e5")
                .ofMaxLength(12).filter(value -> value.indexOf('#') < 0);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(KNOWN_VALUES)),
                Tuple.of(2, text.map(value -> URLEncoder.encode(value, StandardCharsets.UTF_8))),
                Tuple.of(1, text));
    }

    private static Arbitrary<List<Header>> headers(Tokens tokens) {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, contentType()), Tuple.of(4, credentialHeaders(tokens)),
                        Tuple.of(1, spoofedIdentity()), Tuple.of(2, oddHeader()))
                .list().ofMaxSize(5);
    }

    private static Arbitrary<Header> contentType() {
        return Combinators.combine(Arbitraries.of("Content-Type", "content-type", "CONTENT-TYPE"), Arbitraries.of(CONTENT_TYPES))
                .as(Header::new);
    }

    /** Bearer and gn-access-token headers in every case, with valid, foreign and broken tokens; Basic with bad escapes. */
    static Arbitrary<Header> credentialHeaders(Tokens tokens) {
        Arbitrary<String> token = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(tokens.brand(), tokens.channel())),
                Tuple.of(1, Arbitraries.of("", "abc.def.ghi", "a".repeat(9000), "eyJhbGciOiJub25lIn0.e30.",
                        tokens.brand() + "x", tokens.brand() + " " + tokens.channel())));
        Arbitrary<Header> bearer = Combinators.combine(
                        Arbitraries.of("Authorization", "authorization", "AUTHORIZATION"),
                        Arbitraries.of("Bearer", "bearer", "BEARER", "Bearer ", "Basic", "Digest", "Token", ""), token)
                .as((name, scheme, value) -> new Header(name, scheme + " " + value));
        Arbitrary<Header> genuin = Combinators.combine(
                        Arbitraries.of("gn-access-token", "GN-Access-Token", "Gn-Access-Token", "gn_access_token"), token)
                .as(Header::new);
        Arbitrary<String> basicPart = Arbitraries.of(
                TestCredentials.WEB_CLIENT, "%zz", "%", "a%2", "test%2Dweb", "%E9", "\u00e9", "x", "");
        Arbitrary<Header> basic = Combinators.combine(
                        Arbitraries.of("Authorization", "authorization"), basicPart, basicPart, Arbitraries.of(true, false))
                .as((name, user, password, encoded) -> new Header(name, "Basic " + (encoded
                        ? Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))
                        : "!!not-base64" + user)));
        return Arbitraries.frequencyOf(Tuple.of(3, bearer), Tuple.of(2, genuin), Tuple.of(2, basic));
    }

    /** Identity headers an upstream would trust, under the names frameworks fold into them. */
    private static Arbitrary<Header> spoofedIdentity() {
        return Combinators.combine(
                        Arbitraries.of("X-Auth-Subject", "x-auth-kind", "X_Auth_Subject", "X-AUTH-SCOPES", "X-Auth_Client",
                                "X-Forwarded-For", "Forwarded", "X-Forwarded-Host", "X-Forwarded-Prefix"),
                        Arbitraries.of("admin", "brand", "1.2.3.4", "evil.example", "/demo/bearer", "for=1.2.3.4"))
                .as(Header::new);
    }

    /** Header values with non-ASCII text and control characters, under ordinary and random names. */
    private static Arbitrary<Header> oddHeader() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("Accept", "Accept-Language", "Cookie", "Origin", "Referer", "User-Agent",
                        "Accept-Encoding", "Transfer-Encoding-X", "Content-Encoding", "Content-Language")),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').withChars("-_").ofMinLength(1).ofMaxLength(10)));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("SESSION=garbage", "SESSION=", "de-DE,de;q=0.9", "*;q=x", "gzip, br",
                        "null", "\u00e9\u00e8\u65e5\u672c", "\u00ff\u00fe", "%zz")),
                Tuple.of(2, Arbitraries.strings().withCharRange(' ', '~').withChars("\u00e9\u65e5\t\u0001\u001f\u007f")
                        .ofMaxLength(20)));
        return Combinators.combine(name, value).as(Header::new);
    }

    /** Bodies: none, random bytes, broken JSON, broken forms, and one over the 16 KB limit. */
    static Arbitrary<byte[]> bodies() {
        Arbitrary<String> json = Arbitraries.of(
                "{\"api_key\":\"" + Demo.BRAND_KEY + "\",\"api_secret\":\"wrong\"}",
                "{\"api_key\":\"a\",\"api_key\":\"b\",\"api_secret\":\"c\"}",
                "{\"api_key\":1e999999,\"api_secret\":" + "9".repeat(5000) + "}",
                "{\"api_key\":[],\"api_secret\":{}}", "[]", "null", "\"text\"", "{", "{\"a\":", "{\"api_key\":\"\\ud800\"}",
                "{\"api_key\":\"\\u0000\"}", "{'api_key':'x'}", "{\"api_key\":\"x\"}garbage");
        Arbitrary<byte[]> nested = Arbitraries.integers().between(1, 20_000)
                .map(depth -> ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> invalidUtf8 = Arbitraries.of(
                new byte[] {'{', '"', 'a', 'p', 'i', '_', 'k', 'e', 'y', '"', ':', '"', (byte) 0xc3, 0x28, '"', '}'},
                new byte[] {'t', 'o', 'k', 'e', 'n', '=', (byte) 0xff, (byte) 0xfe},
                new byte[] {(byte) 0xc0, (byte) 0xae, 0, 0, (byte) 0x80});
        Arbitrary<String> form = Arbitraries.of(
                "access_token=%zz", "token=%", "a=%2", "username=" + Demo.CHANNEL_USER + "&password=%zz",
                "username=%E9&password=x", "token=a&token=b", "grant_type=client_credentials&client_id=%zz",
                "&&&==&", "=", "%%%", "username=\u0000&password=\u0000", "client_id=" + TestCredentials.WEB_CLIENT
                        + "&client_secret=x&client_secret=y", "_csrf=x&username=alice&password=x", "decision=allow");
        Arbitrary<byte[]> oversized = Arbitraries.integers().between(16 * 1024 + 1, 20_000)
                .map(size -> ("token=" + "a".repeat(size)).getBytes(StandardCharsets.US_ASCII));
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new byte[0])),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(600)),
                Tuple.of(3, json.map(text -> text.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, nested),
                Tuple.of(1, invalidUtf8),
                Tuple.of(3, form.map(text -> text.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, oversized));
    }

    /** Valid tokens of the two token kinds the demo routes tell apart. */
    record Tokens(String brand, String channel) {}
}
