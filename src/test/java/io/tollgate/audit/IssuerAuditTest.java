package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Demo;
import io.tollgate.support.FromAddress;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestCredentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The audit trail of refused token requests and lockouts (DESIGN.md, "Operations"), over real
 * HTTP: one {@code tollgate.audit} line per refusal in every dialect, with the dialect's code, the
 * account the request named if it names a provisioned one, and the client address; one line per
 * lock taken and per check refused under a lock. A presented name that names no account is never
 * written (people type passwords into username fields), and no secret, password or token reaches
 * any line, key-value pairs included. Each test calls from addresses of its own.
 */
class IssuerAuditTest {

    private static final int ADDRESS_MAX = 2;
    private static final int USER_ADDRESS_MAX = 2;
    private static final String LOOPBACK_V4 = "127.0.0.1";
    private static final String LOOPBACK_V6 = "0:0:0:0:0:0:0:1";
    private static final String REDIRECT = URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8);

    private static ConfigurableApplicationContext tollgate;
    private static int port;

    @BeforeAll
    static void start() {
        tollgate = Standalone.startWithTestKeys(
                "--tollgate.rate-limit.client-address.burst-capacity=100000",
                "--tollgate.issuer.lockout.address-max-failures=" + ADDRESS_MAX,
                "--tollgate.issuer.lockout.user-address-max-failures=" + USER_ADDRESS_MAX,
                "--tollgate.issuer.lockout.user-max-failures=100",
                "--tollgate.issuer.lockout.duration=15m");
        port = Standalone.port(tollgate);
    }

    @AfterAll
    static void stop() {
        tollgate.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aWrongBrandSecretIsOneLineNamingTheBrandNeverTheSecret() {
        String wrong = Secrets.remember("sk_wrong_secret_for_the_audit_test_0123456789");
        Issuance.brandRequest(FromAddress.client("127.0.0.51", port), Demo.BRAND_KEY, wrong)
                .expectStatus().isNotFound()
                .expectBody().json("{\"code\":\"5235\",\"message\":\"Brand not exists.\",\"data\":{}}",
                        JsonCompareMode.STRICT);

        assertThat(eventsFrom("127.0.0.51")).containsExactly(
                refused("brand", "5235", "brand", "acme", "127.0.0.51"));
    }

    @Test
    void aKeyThatNamesNoBrandIsNotWrittenOnlyThatItNamesNone() {
        String pastedSecret = Secrets.remember("sk_demo_acme_pasted_into_the_key_field_9f8e7d6c");
        Issuance.brandRequest(FromAddress.client("127.0.0.52", port), pastedSecret, Demo.BRAND_SECRET)
                .expectStatus().isNotFound()
                .expectBody().json("{\"code\":\"5235\",\"message\":\"Brand not exists.\",\"data\":{}}",
                        JsonCompareMode.STRICT);

        assertThat(eventsFrom("127.0.0.52")).containsExactly(
                unprovisioned("issuance.refused", "brand", "5235", "brand", "127.0.0.52"));
    }

    @Test
    void aLockTakenIsOneLineAndEveryCheckRefusedUnderItIsOneMore() {
        WebTestClient guesser = FromAddress.client("127.0.0.53", port);
        String wrong = Secrets.remember("sk_guessed_secret_for_the_lockout_audit_test_42");
        for (int i = 0; i < ADDRESS_MAX; i++) {
            Issuance.brandRequest(guesser, Demo.BRAND_KEY, wrong).expectStatus().isNotFound();
        }
        Issuance.brandRequest(guesser, Demo.BRAND_KEY, Demo.BRAND_SECRET)
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED)
                .expectBody().json("{\"code\":\"5166\",\"message\":\"XXXX-[Invalid Use of API]\",\"data\":{}}",
                        JsonCompareMode.STRICT);

        assertThat(eventsFrom("127.0.0.53")).containsExactly(
                refused("brand", "5235", "brand", "acme", "127.0.0.53"),
                ordered("event.action", "lockout.engaged", "dialect", "brand", "scope", "address",
                        "client_address", "127.0.0.53", "duration", "PT15M"),
                refused("brand", "5235", "brand", "acme", "127.0.0.53"),
                ordered("event.action", "lockout.refused", "dialect", "brand", "scope", "address",
                        "client_address", "127.0.0.53"),
                refused("brand", "5166", "brand", "acme", "127.0.0.53"));
    }

    @Test
    void aChannelRefusalNamesTheProvisionedUserOnly() {
        WebTestClient caller = FromAddress.client("127.0.0.54", port);
        String wrong = Secrets.remember("11111111-2222-3333-4444-555555555555");
        Issuance.channelRequest(caller, Demo.EXPIRED_CHANNEL_USER, Demo.EXPIRED_CHANNEL_PASSWORD)
                .expectStatus().isForbidden()
                .expectBody(String.class).isEqualTo("token expired");
        Issuance.channelRequest(caller, Demo.CHANNEL_USER, wrong)
                .expectStatus().isUnauthorized()
                .expectBody(String.class).isEqualTo("invalid username or password");
        Issuance.channelRequest(caller, wrong, wrong)
                .expectStatus().isUnauthorized()
                .expectBody(String.class).isEqualTo("invalid username or password");

        assertThat(eventsFrom("127.0.0.54")).containsExactly(
                refused("channel", "403", "channel-user", Demo.EXPIRED_CHANNEL_USER, "127.0.0.54"),
                refused("channel", "401", "channel-user", Demo.CHANNEL_USER, "127.0.0.54"),
                // The second wrong password from the address locks it.
                ordered("event.action", "lockout.engaged", "dialect", "channel", "scope", "address",
                        "client_address", "127.0.0.54", "duration", "PT15M"),
                unprovisioned("issuance.refused", "channel", "401", "channel-user", "127.0.0.54"));
    }

    @Test
    void everyOAuthErrorOfTheTokenEndpointIsALineNamingTheClient() {
        WebTestClient caller = FromAddress.client("127.0.0.55", port);
        String wrong = Secrets.remember("wrong-client-secret-for-the-audit-test");
        tokenRequest(caller, "grant_type=client_credentials&client_id=" + TestCredentials.WEB_CLIENT
                + "&client_secret=" + wrong)
                .expectStatus().isUnauthorized()
                .expectBody().json("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}",
                        JsonCompareMode.STRICT);
        tokenRequest(caller, "grant_type=password&client_id=" + TestCredentials.UNTRUSTED_CLIENT
                + "&client_secret=" + TestCredentials.UNTRUSTED_SECRET + "&username=alice&password=" + wrong)
                .expectStatus().isUnauthorized()
                .expectBody().json("{\"error\":\"unauthorized_client\",\"error_description\":"
                        + "\"This application is not authorized to use grant_type password\"}", JsonCompareMode.STRICT);
        tokenRequest(caller, "grant_type=authorization_code&client_id=" + TestCredentials.WEB_CLIENT
                + "&client_secret=" + TestCredentials.WEB_SECRET + "&code=" + Secrets.remember("not-a-code-we-issued")
                + "&redirect_uri=" + REDIRECT)
                .expectStatus().isBadRequest()
                .expectBody().json("{\"error\":\"invalid_grant\",\"error_description\":\"The code is unknown or expired\"}",
                        JsonCompareMode.STRICT);
        tokenRequest(caller, "grant_type=client_credentials&client_id=" + wrong + "&client_secret=" + wrong)
                .expectStatus().isUnauthorized()
                .expectBody().json("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}",
                        JsonCompareMode.STRICT);

        assertThat(eventsFrom("127.0.0.55")).containsExactly(
                refused("oauth", "invalid_client", "client", TestCredentials.WEB_CLIENT, "127.0.0.55"),
                refused("oauth", "unauthorized_client", "client", TestCredentials.UNTRUSTED_CLIENT, "127.0.0.55"),
                refused("oauth", "invalid_grant", "client", TestCredentials.WEB_CLIENT, "127.0.0.55"),
                // The second wrong client secret from the address locks it.
                ordered("event.action", "lockout.engaged", "dialect", "oauth", "scope", "address",
                        "client_address", "127.0.0.55", "duration", "PT15M"),
                unprovisioned("issuance.refused", "oauth", "invalid_client", "client", "127.0.0.55"));
    }

    @Test
    void aFailedSignInNamesThePersonOnlyIfTheUsernameNamesOne() {
        String passwordAsUsername = Secrets.remember("my-password-typed-into-the-username-field");
        OAuthBrowserless browser = new OAuthBrowserless(Standalone.client(tollgate), port);
        assertThat(browser.authorize("client_id=test-web&redirect_uri=" + REDIRECT + "&state=audit").getStatus())
                .isEqualTo(HttpStatus.OK);
        int before = LogCapture.auditEvents().size();

        EntityExchangeResult<String> unknown = browser.login(passwordAsUsername, TestCredentials.PASSWORD);
        assertThat(unknown.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(unknown.getResponseBody()).contains("Wrong username or password.");
        String person = TestCredentials.LOCKOUT_USERS.get(2);
        for (int i = 0; i < USER_ADDRESS_MAX; i++) {
            EntityExchangeResult<String> wrong = browser.login(person, Secrets.remember("not-" + person + "s-password"));
            assertThat(wrong.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(wrong.getResponseBody()).contains("Wrong username or password.");
        }
        EntityExchangeResult<String> locked = browser.login(person, TestCredentials.LOCKOUT_PASSWORD);
        assertThat(locked.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(locked.getResponseBody()).contains("Too many failed sign-ins. Try again later.");

        List<Map<String, String>> events = since(before);
        String address = events.get(0).get("client_address");
        assertThat(address).isIn(LOOPBACK_V4, LOOPBACK_V6);
        assertThat(events).containsExactly(
                unprovisioned("issuance.refused", "oauth", "login_failed", "user", address),
                refused("oauth", "login_failed", "user", person, address),
                ordered("event.action", "lockout.engaged", "dialect", "oauth", "scope", "person-at-address",
                        "kind", "user", "account", person, "client_address", address, "duration", "PT15M"),
                refused("oauth", "login_failed", "user", person, address),
                ordered("event.action", "lockout.refused", "dialect", "oauth", "scope", "person-at-address",
                        "kind", "user", "account", person, "client_address", address),
                refused("oauth", "login_locked", "user", person, address));
    }

    @Test
    void aDeniedConsentAndARefusedAuthorizeRequestNameTheClientIfRegistered() {
        OAuthBrowserless browser = new OAuthBrowserless(Standalone.client(tollgate), port);
        int before = LogCapture.auditEvents().size();
        EntityExchangeResult<String> unknownClient = browser.authorize("client_id=no-such-app&redirect_uri=" + REDIRECT);
        assertThat(unknownClient.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknownClient.getResponseBody()).contains("This application is not registered.");
        browser.authorize("client_id=test-web&redirect_uri=" + REDIRECT + "&state=deny");
        browser.login(TestCredentials.USER, TestCredentials.PASSWORD);
        browser.consentPage();
        assertThat(browser.decide("deny").toString()).isEqualTo(TestCredentials.REDIRECT_URI
                + "?error=access_denied&status=unauthorized&message=user+canceled&state=deny");

        List<Map<String, String>> events = since(before);
        String address = events.get(0).get("client_address");
        assertThat(address).isIn(LOOPBACK_V4, LOOPBACK_V6);
        assertThat(events).containsExactly(
                unprovisioned("issuance.refused", "oauth", "invalid_request", "client", address),
                refused("oauth", "access_denied", "client", TestCredentials.WEB_CLIENT, address));
    }

    private static WebTestClient.ResponseSpec tokenRequest(WebTestClient client, String form) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange();
    }

    private static List<Map<String, String>> eventsFrom(String address) {
        return LogCapture.auditEvents().stream().filter(event -> address.equals(event.get("client_address"))).toList();
    }

    private static List<Map<String, String>> since(int before) {
        List<Map<String, String>> all = LogCapture.auditEvents();
        return all.subList(before, all.size());
    }

    private static Map<String, String> refused(String dialect, String code, String kind, String account, String address) {
        return ordered("event.action", "issuance.refused", "dialect", dialect, "code", code, "kind", kind,
                "account", account, "client_address", address);
    }

    private static Map<String, String> unprovisioned(String action, String dialect, String code, String kind,
            String address) {
        return ordered("event.action", action, "dialect", dialect, "code", code, "kind", kind, "provisioned", "false",
                "client_address", address);
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
