package io.tollgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The credentials file of the test run: the demo file of {@code config/} (so the README's demo
 * credentials are what the tests use), plus OAuth clients whose redirect URI is served by {@link
 * TestUpstream}, and people for the lockout tests.
 */
public final class TestCredentials {

    public static final String REDIRECT_URI = "http://127.0.0.1:" + TestUpstream.port() + "/callback";
    public static final String WEB_CLIENT = "test-web";
    public static final String WEB_SECRET = Secrets.remember("test-web-secret-2b8e1f0c9d7a4e6b3c5d8f1a2e4b6c8d");
    public static final String PUBLIC_CLIENT = "test-public";
    /** What the pages call {@link #PUBLIC_CLIENT}. */
    public static final String PUBLIC_CLIENT_NAME = "Family Tree <Test> & Co";
    /** Its logo, inline: the pages' CSP allows {@code data:} images for it and nothing else. */
    public static final String PUBLIC_CLIENT_LOGO = "data:image/svg+xml;base64,"
            + Base64.getEncoder().encodeToString(("<svg xmlns='http://www.w3.org/2000/svg' width='96' "
                    + "height='32'><rect width='96' height='32' rx='6' fill='#1f6f43'/></svg>")
                    .getBytes(StandardCharsets.UTF_8));
    public static final String TRUSTED_CLIENT = "test-trusted";
    public static final String TRUSTED_SECRET = Secrets.remember("test-trusted-secret-7c1d3e5f9a2b4c6d8e0f1a3b5c7d9e1f");
    public static final String UNTRUSTED_CLIENT = "test-untrusted";
    public static final String UNTRUSTED_SECRET =
            Secrets.remember("test-untrusted-secret-4d6f8a0c2e4a6c8e0a2c4e6a8c0e2a4c");
    public static final String USER = "alice";
    public static final String PASSWORD = Secrets.remember("alice-demo-password");
    /** People whose sign-ins the lockout tests fail on purpose, one per test. */
    public static final List<String> LOCKOUT_USERS = List.of("bob", "carol", "dave");
    public static final String LOCKOUT_PASSWORD = Secrets.remember("lockout-test-password");

    public static final Path FILE = write();

    private TestCredentials() {}

    @SuppressWarnings("unchecked")
    private static Path write() {
        try {
            Yaml yaml = new Yaml();
            Map<String, Object> root = yaml.load(Files.readString(Path.of("config/credentials.yml")));
            Map<String, Object> credentials =
                    (Map<String, Object>) ((Map<String, Object>) root.get("tollgate")).get("credentials");
            List<Object> clients = new ArrayList<>((List<Object>) credentials.get("clients"));
            clients.add(client(WEB_CLIENT, WEB_SECRET, false,
                    List.of("authorization_code", "refresh_token", "client_credentials", "implicit"),
                    List.of("profile", "family", "content:read")));
            Map<String, Object> named = client(PUBLIC_CLIENT, null, false,
                    List.of("authorization_code", "implicit", "refresh_token"), List.of("profile", "family"));
            named.put("name", PUBLIC_CLIENT_NAME);
            named.put("logo-uri", PUBLIC_CLIENT_LOGO);
            clients.add(named);
            clients.add(client(TRUSTED_CLIENT, TRUSTED_SECRET, true, List.of("password", "refresh_token"),
                    List.of("profile", "family")));
            // Not trusted, so password is not among its grants (listing it would stop the start): asking for it
            // shows the answer of an application not allowed that grant.
            clients.add(client(UNTRUSTED_CLIENT, UNTRUSTED_SECRET, false, List.of("client_credentials"),
                    List.of("profile")));
            credentials.put("clients", clients);
            List<Object> users = new ArrayList<>((List<Object>) credentials.get("users"));
            String lockoutHash = StoredHash.bcrypt(LOCKOUT_PASSWORD);
            for (String user : LOCKOUT_USERS) {
                users.add(Map.of("username", user, "password", lockoutHash));
            }
            credentials.put("users", users);
            Path file = Files.createTempFile("tollgate-test-credentials", ".yml");
            file.toFile().deleteOnExit();
            Files.writeString(file, yaml.dump(root));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> client(
            String id, String secret, boolean trusted, List<String> grants, List<String> scopes) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("client-id", id);
        if (secret != null) {
            client.put("client-secret", StoredHash.sha256(secret));
        }
        client.put("redirect-uris", List.of(REDIRECT_URI));
        client.put("grant-types", grants);
        client.put("trusted", trusted);
        client.put("scopes", scopes);
        return client;
    }
}
